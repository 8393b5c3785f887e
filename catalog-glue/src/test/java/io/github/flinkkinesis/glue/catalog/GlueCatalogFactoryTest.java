package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.FactoryUtil;
import org.junit.jupiter.api.Test;

/** The {@code glue} catalog factory: discovery, defaults and validation of every option. */
class GlueCatalogFactoryTest {

    private static Catalog create(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("type", "glue");
        return FactoryUtil.createCatalog(
                "glue", all, new Configuration(), Thread.currentThread().getContextClassLoader());
    }

    @Test
    void isDiscoveredAndAppliesDefaults() {
        Catalog catalog = create(Map.of("aws.region", "eu-west-1"));
        assertThat(catalog).isInstanceOf(GlueCatalog.class);
        assertThat(catalog.getDefaultDatabase()).isEqualTo("default");
    }

    @Test
    void acceptsEveryDeclaredOptionAndTheTableDefaultsPrefix() {
        Catalog catalog =
                create(
                        Map.of(
                                "aws.region", "eu-west-1",
                                "aws.endpoint", "http://127.0.0.1:5000",
                                "default-database", "Streams",
                                "catalog-id", "123456789012",
                                "skip-archive", "false",
                                "table-defaults.aws.endpoint", "http://127.0.0.1:4567",
                                "table-defaults.source.init.position", "TRIM_HORIZON"));
        assertThat(catalog.getDefaultDatabase()).isEqualTo("streams");
    }

    @Test
    void unknownKeysAreErrorsThatNameTheKey() {
        assertThatThrownBy(() -> create(Map.of("aws.regoin", "eu-west-1")))
                .hasStackTraceContaining("aws.regoin");
    }

    @Test
    void invalidValuesNameTheKey() {
        assertThatThrownBy(() -> create(Map.of("catalog-id", "not-an-account")))
                .hasStackTraceContaining("'catalog-id'")
                .hasStackTraceContaining("12-digit");
        assertThatThrownBy(() -> create(Map.of("default-database", "my-db")))
                .hasStackTraceContaining("'default-database'")
                .hasStackTraceContaining("letters, digits and underscores");
        assertThatThrownBy(() -> create(Map.of("aws.credentials.provider", "BASIC")))
                .hasStackTraceContaining("aws.credentials.basic.accesskeyid");
        assertThatThrownBy(() -> create(Map.of("skip-archive", "maybe")))
                .hasStackTraceContaining("skip-archive");
    }

    @Test
    void blankAndWronglyTypedValuesFailNamingTheKeyAndTheValue() {
        Map<String, String> wrong = new HashMap<>();
        wrong.put("aws.region", "");
        wrong.put("default-database", " ");
        wrong.put("catalog-id", "");
        wrong.put("skip-archive", "maybe");
        wrong.put("aws.retry.max-attempts", "0");
        wrong.put("aws.retry.max-attempts", "-1");
        wrong.put("aws.http-client.max-concurrency", "99999999999999999999");
        wrong.put("aws.http-client.read-timeout", "0 ms");
        wrong.put("aws.http-client.connect-timeout", "soon");
        for (Map.Entry<String, String> entry : wrong.entrySet()) {
            Map<String, String> options = new HashMap<>();
            options.put("aws.region", "eu-west-1");
            options.put(entry.getKey(), entry.getValue());
            assertThatThrownBy(() -> create(options))
                    .as("%s = '%s'", entry.getKey(), entry.getValue())
                    .hasStackTraceContaining("'" + entry.getKey() + "'")
                    .hasStackTraceContaining("'" + entry.getValue() + "'");
        }
        // a secret's value is never shown, not even a blank one
        assertThatThrownBy(
                        () ->
                                create(
                                        Map.of(
                                                "aws.region", "eu-west-1",
                                                "aws.credentials.basic.secretkey", " ")))
                .hasStackTraceContaining("'aws.credentials.basic.secretkey'")
                .hasStackTraceContaining("must not be blank");
    }
}
