package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * What every Glue operation needs: the client, the optional catalog id (a Glue catalog of another
 * account), whether table updates skip archiving the old version, and whether the endpoint is
 * overridden (a local or emulated Glue, which may lack parts of the API). One instance per open
 * catalog; {@link #close()} closes the client and its HTTP client if this context built them (the
 * SDK does not close an HTTP client given to a client builder).
 */
public final class GlueContext implements AutoCloseable {

    private final GlueClient client;
    private final String catalogId;
    private final boolean skipArchive;
    private final boolean endpointOverridden;

    /** The HTTP client this context built and must close, or null for a caller-owned client. */
    private final SdkHttpClient ownedHttpClient;

    private GlueContext(
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

    /** A context with a client built from {@code aws} (region, endpoint, credentials, HTTP). */
    public static GlueContext create(AwsConfig aws, String catalogId, boolean skipArchive) {
        SdkHttpClient http = AwsClients.syncHttpClient(aws);
        try {
            GlueClient client =
                    AwsClients.configure(GlueClient.builder(), aws).httpClient(http).build();
            return new GlueContext(
                    client, catalogId, skipArchive, aws.endpoint().isPresent(), http);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** A context around a client the caller owns (programs with their own client, tests). */
    public static GlueContext of(GlueClient client, String catalogId, boolean skipArchive) {
        boolean overridden;
        try {
            overridden = client.serviceClientConfiguration().endpointOverride().isPresent();
        } catch (UnsupportedOperationException fakeClient) {
            overridden = false;
        }
        return new GlueContext(client, catalogId, skipArchive, overridden, null);
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
