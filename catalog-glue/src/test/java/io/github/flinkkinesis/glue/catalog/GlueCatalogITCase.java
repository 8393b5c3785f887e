package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.testing.LocalServerExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The catalog's contract ({@link GlueCatalogContract}) against moto's Glue server, with the catalog
 * building its own Glue client from its {@code aws.*} options. moto implements neither Glue's
 * user-defined functions (it answers HTTP 500) nor VersionId checks: those cases are in {@link
 * GlueCatalogTest} only.
 */
class GlueCatalogITCase extends GlueCatalogContract {

    @RegisterExtension static final LocalServerExtension MOTO = LocalServerExtension.moto();

    /** The catalog's connection to a moto server; BASIC credentials with a recognisable secret. */
    static Map<String, String> catalogAwsOptions(LocalServerExtension moto) {
        Map<String, String> aws = credentials();
        aws.put("aws.endpoint", moto.endpoint().toString());
        aws.put("aws.retry.max-attempts", "2");
        return aws;
    }

    @Override
    protected GlueClient emptyGlue() {
        MOTO.resetMoto();
        AwsConfig aws = AwsConfig.fromMap(awsOptions());
        return AwsClients.configure(GlueClient.builder(), aws)
                .httpClient(AwsClients.syncHttpClient(aws))
                .build();
    }

    @Override
    protected Map<String, String> awsOptions() {
        return catalogAwsOptions(MOTO);
    }

    @Override
    protected GlueCatalog catalogOn(GlueCatalogConfig config) {
        return new GlueCatalog(config);
    }

    @AfterEach
    void closeGlueClient() {
        glue.close();
    }
}
