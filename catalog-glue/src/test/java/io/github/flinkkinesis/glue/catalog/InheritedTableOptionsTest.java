package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.aws.AwsConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which catalog options a Kinesis table inherits on read, and that they are stripped on write. */
class InheritedTableOptionsTest {

    private static InheritedTableOptions inherited(Map<String, String> defaults) {
        return new InheritedTableOptions(
                GlueCatalogConfig.builder("glue")
                        .aws(
                                AwsConfig.fromMap(
                                        Map.of(
                                                "aws.region", "eu-west-1",
                                                "aws.endpoint", "http://glue.local:5000",
                                                "aws.credentials.provider", "PROFILE",
                                                "aws.credentials.profile.name", "catalog")))
                        .tableDefaults(defaults)
                        .build());
    }

    private static Map<String, String> kinesis(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", "orders");
        options.put("format", "json");
        options.putAll(extra);
        return options;
    }

    @Test
    void kinesisTablesGetRegionCredentialsAndDefaultsButNotTheGlueEndpoint() {
        Map<String, String> applied =
                inherited(Map.of("aws.endpoint", "http://kinesis.local:4567"))
                        .apply(kinesis(Map.of()));
        assertThat(applied)
                .containsEntry("aws.region", "eu-west-1")
                .containsEntry("aws.credentials.provider", "PROFILE")
                .containsEntry("aws.credentials.profile.name", "catalog")
                .containsEntry("aws.endpoint", "http://kinesis.local:4567");
        assertThat(inherited(Map.of()).apply(kinesis(Map.of()))).doesNotContainKey("aws.endpoint");
    }

    @Test
    void theTablesOwnValuesWinAndOwnCredentialsAreNotMixedWithTheCatalogs() {
        Map<String, String> applied =
                inherited(Map.of("aws.region", "us-west-2"))
                        .apply(
                                kinesis(
                                        Map.of(
                                                "aws.region", "us-east-2",
                                                "aws.credentials.provider", "AUTO")));
        assertThat(applied)
                .containsEntry("aws.region", "us-east-2")
                .containsEntry("aws.credentials.provider", "AUTO")
                .doesNotContainKey("aws.credentials.profile.name");
        assertThat(inherited(Map.of("aws.region", "us-west-2")).apply(kinesis(Map.of())))
                .containsEntry("aws.region", "us-west-2");
    }

    @Test
    void stripRemovesExactlyWhatApplyAdds() {
        InheritedTableOptions inherited = inherited(Map.of("source.init.position", "LATEST"));
        Map<String, String> declared = kinesis(Map.of("sink.fail-on-error", "true"));
        assertThat(inherited.strip(inherited.apply(declared))).isEqualTo(declared);
    }

    @Test
    void partiallyMatchingCredentialsAreKeptAsAWhole() {
        Map<String, String> own =
                kinesis(
                        Map.of(
                                "aws.credentials.provider", "PROFILE",
                                "aws.credentials.profile.name", "other"));
        assertThat(inherited(Map.of()).strip(own)).isEqualTo(own);
    }

    @Test
    void otherConnectorsInheritNothing() {
        Map<String, String> datagen = Map.of("connector", "datagen");
        assertThat(inherited(Map.of("aws.endpoint", "x")).apply(datagen)).isEqualTo(datagen);
    }

    private static InheritedTableOptions basicCatalog() {
        return new InheritedTableOptions(
                GlueCatalogConfig.builder("glue")
                        .aws(
                                AwsConfig.fromMap(
                                        Map.of(
                                                "aws.region", "eu-west-1",
                                                "aws.credentials.provider", "BASIC",
                                                "aws.credentials.basic.accesskeyid", "AKIDCAT",
                                                "aws.credentials.basic.secretkey", "cat-secret")))
                        .build());
    }

    @Test
    void secretCredentialsAreNeverInTheTableOnlyInTheRuntimeSecrets() {
        InheritedTableOptions inherited = basicCatalog();
        Map<String, String> applied = inherited.apply(kinesis(Map.of()));
        assertThat(applied)
                .containsEntry("aws.credentials.provider", "BASIC")
                .containsEntry("aws.credentials.basic.accesskeyid", "AKIDCAT")
                .doesNotContainKey("aws.credentials.basic.secretkey");
        assertThat(applied.values()).doesNotContain("cat-secret");
        assertThat(inherited.runtimeSecrets(applied))
                .containsExactly(Map.entry("aws.credentials.basic.secretkey", "cat-secret"));
        // the table chose its own credentials: it does not get the catalog's secret
        Map<String, String> own =
                inherited.apply(kinesis(Map.of("aws.credentials.provider", "PROFILE")));
        assertThat(inherited.runtimeSecrets(own)).isEmpty();
        // other connectors never get it
        Map<String, String> datagen = new HashMap<>(applied);
        datagen.put("connector", "datagen");
        assertThat(inherited.runtimeSecrets(datagen)).isEmpty();
        // and the inherited public credentials are stripped again on write
        assertThat(inherited.strip(applied).keySet()).noneMatch(k -> k.startsWith("aws."));
    }

    @Test
    void aSecretTableDefaultIsGivenToTheConnectorOnly() {
        InheritedTableOptions inherited =
                inherited(
                        Map.of(
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "AKID",
                                "aws.credentials.basic.secretkey", "default-secret"));
        Map<String, String> applied = inherited.apply(kinesis(Map.of()));
        assertThat(applied)
                .containsEntry("aws.credentials.basic.accesskeyid", "AKID")
                .doesNotContainKey("aws.credentials.basic.secretkey");
        assertThat(inherited.runtimeSecrets(applied))
                .containsExactly(Map.entry("aws.credentials.basic.secretkey", "default-secret"));
        // a table that sets the key itself keeps its own
        assertThat(
                        inherited.runtimeSecrets(
                                kinesis(Map.of("aws.credentials.basic.secretkey", "own"))))
                .isEmpty();
        // other connectors' tables get nothing
        assertThat(inherited.runtimeSecrets(Map.of("connector", "kafka"))).isEmpty();
    }
}
