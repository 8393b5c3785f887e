package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import java.util.Objects;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * What every Glue operation needs: the client, the optional catalog id (a Glue catalog of another
 * account) and whether table updates skip archiving the old version. One instance per open catalog;
 * {@link #close()} closes the client if this context built it.
 */
public final class GlueContext implements AutoCloseable {

    private final GlueClient client;
    private final String catalogId;
    private final boolean skipArchive;
    private final boolean ownsClient;

    private GlueContext(
            GlueClient client, String catalogId, boolean skipArchive, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.catalogId = catalogId;
        this.skipArchive = skipArchive;
        this.ownsClient = ownsClient;
    }

    /** A context with a client built from {@code aws} (region, endpoint, credentials, HTTP). */
    public static GlueContext create(AwsConfig aws, String catalogId, boolean skipArchive) {
        GlueClient client =
                AwsClients.configure(GlueClient.builder(), aws)
                        .httpClient(AwsClients.syncHttpClient(aws))
                        .build();
        return new GlueContext(client, catalogId, skipArchive, true);
    }

    /** A context around a client the caller owns (tests with a fake client). */
    public static GlueContext of(GlueClient client, String catalogId, boolean skipArchive) {
        return new GlueContext(client, catalogId, skipArchive, false);
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

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
