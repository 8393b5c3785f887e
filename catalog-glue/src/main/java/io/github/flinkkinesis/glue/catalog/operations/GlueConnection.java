package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The catalog's connection to Glue, which every Glue operation uses: the client, the optional
 * catalog id (a Glue catalog of another account), whether table updates skip archiving the old
 * version, and whether the endpoint is overridden (a local or emulated Glue, which may lack parts
 * of the API).
 *
 * <p>Lifecycle: one instance per open catalog, made by {@link #create} (a client this connection
 * owns) or {@link #of} (a client the caller owns); {@link #close()} closes the client and its HTTP
 * client if this connection built them (the SDK does not close an HTTP client given to a client
 * builder), and nothing otherwise.
 */
@Internal
public final class GlueConnection implements AutoCloseable {

    private final GlueClient client;
    private final String catalogId;
    private final boolean skipArchive;
    private final boolean endpointOverridden;

    /** The HTTP client this connection built and must close, or null for a caller-owned client. */
    private final SdkHttpClient ownedHttpClient;

    private GlueConnection(
            GlueClient client,
            String catalogId,
            boolean skipArchive,
            boolean endpointOverridden,
            SdkHttpClient ownedHttpClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.catalogId = catalogId;
        this.skipArchive = skipArchive;
        this.endpointOverridden = endpointOverridden;
        this.ownedHttpClient = ownedHttpClient;
    }

    /** A connection with a client built from {@code aws} (region, endpoint, credentials, HTTP). */
    public static GlueConnection create(AwsConfig aws, String catalogId, boolean skipArchive) {
        SdkHttpClient http = AwsClients.syncHttpClient(aws);
        try {
            GlueClient client =
                    AwsClients.configure(GlueClient.builder(), aws).httpClient(http).build();
            return new GlueConnection(
                    client, catalogId, skipArchive, aws.endpoint().isPresent(), http);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** A connection around a client the caller owns (programs with their own client, tests). */
    public static GlueConnection of(GlueClient client, String catalogId, boolean skipArchive) {
        boolean overridden;
        try {
            overridden = client.serviceClientConfiguration().endpointOverride().isPresent();
        } catch (UnsupportedOperationException fakeClient) {
            overridden = false;
        }
        return new GlueConnection(client, catalogId, skipArchive, overridden, null);
    }

    GlueClient client() {
        return client;
    }

    /** The catalog id for requests, or null for the caller's own account. */
    String catalogId() {
        return catalogId;
    }

    /** Where requests go, for messages: the endpoint override, else the region. */
    String endpointDescription() {
        try {
            var config = client.serviceClientConfiguration();
            return config.endpointOverride()
                    .map(Object::toString)
                    .orElse("of region " + config.region());
        } catch (UnsupportedOperationException fakeClient) {
            return "(unknown)";
        }
    }

    boolean skipArchive() {
        return skipArchive;
    }

    /** True if requests go to an overridden endpoint (local or emulated Glue), not AWS's own. */
    boolean endpointOverridden() {
        return endpointOverridden;
    }

    @Override
    public void close() {
        if (ownedHttpClient != null) {
            try {
                client.close();
            } finally {
                ownedHttpClient.close();
            }
        }
    }
}
