package io.github.flinkkinesis.glue.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.aws.AwsConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * The format's options as the planner meets them in a {@code kinesis} table: wrong values name the
 * key as written and the allowed values; the registry's AWS connection comes from the table's
 * {@code aws.*} options unless the format names its own. Planning only: nothing is called.
 */
class AvroGlueFormatFactoryTest {

    private static Map<String, String> table(Map<String, String> format) {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", "arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        options.put("aws.region", "us-east-1");
        options.put("format", "avro-glue");
        options.put("avro-glue.registry.name", "reg");
        options.put("avro-glue.schema.name", "orders");
        options.putAll(format);
        return options;
    }

    private static void plan(Map<String, String> options) {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        StringBuilder ddl = new StringBuilder("CREATE TABLE t (id BIGINT, name STRING) WITH (");
        String sep = "";
        for (Map.Entry<String, String> e : options.entrySet()) {
            ddl.append(sep)
                    .append("'")
                    .append(e.getKey())
                    .append("'='")
                    .append(e.getValue())
                    .append("'");
            sep = ", ";
        }
        env.executeSql(ddl.append(")").toString());
        env.explainSql("SELECT * FROM t");
        env.explainSql("INSERT INTO t VALUES (1, 'a')");
    }

    @Test
    void aValidTablePlansForReadingAndWriting() {
        plan(
                table(
                        Map.of(
                                "avro-glue.schema.compression", "ZLIB",
                                "avro-glue.schema.compatibility", "FULL_ALL",
                                "avro-glue.schema.autoRegistration", "true",
                                "avro-glue.schema.version", "3",
                                "avro-glue.cache.size", "10",
                                "avro-glue.cache.ttlMs", "1000",
                                "avro-glue.ignore-parse-errors", "true",
                                "avro-glue.aws.region", "eu-west-1")));
    }

    @Test
    void wrongValuesNameTheKeyAndTheAllowedValues() {
        assertThatThrownBy(() -> plan(table(Map.of("avro-glue.schema.compression", "GZIP"))))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessage(
                        "Invalid value 'GZIP' for option 'avro-glue.schema.compression':"
                                + " expected one of [NONE, ZLIB].");
        assertThatThrownBy(() -> plan(table(Map.of("avro-glue.schema.compatibility", "STRICT"))))
                .rootCause()
                .hasMessageContaining("'avro-glue.schema.compatibility'")
                .hasMessageContaining(
                        "[NONE, DISABLED, BACKWARD, BACKWARD_ALL, FORWARD, FORWARD_ALL, FULL,"
                                + " FULL_ALL]");
        assertThatThrownBy(() -> plan(table(Map.of("avro-glue.schema.autoRegistration", "yes"))))
                .rootCause()
                .hasMessageContaining("'avro-glue.schema.autoRegistration'")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> plan(table(Map.of("avro-glue.cache.size", "0"))))
                .rootCause()
                .hasMessageContaining("'avro-glue.cache.size'")
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> plan(table(Map.of("avro-glue.schema.version", "0"))))
                .rootCause()
                .hasMessageContaining("'avro-glue.schema.version'");
        Map<String, String> noSchema = table(Map.of());
        noSchema.remove("avro-glue.schema.name");
        assertThatThrownBy(() -> plan(noSchema))
                .rootCause()
                .hasMessageContaining("Option 'avro-glue.schema.name' is required");
    }

    @Test
    void theRegistryUsesTheTablesAwsOptionsUnlessTheFormatNamesItsOwn() {
        Map<String, String> options = new HashMap<>();
        options.put("aws.region", "us-east-1");
        options.put("aws.endpoint", "http://127.0.0.1:4567");
        options.put("aws.credentials.provider", "BASIC");
        options.put("aws.credentials.basic.accesskeyid", "AKID");
        options.put("aws.credentials.basic.secretkey", "s3cr3t");

        AwsConfig inherited = FormatOptionChecks.aws(options, "avro-glue.");
        assertThat(inherited.region()).contains("us-east-1");
        assertThat(inherited.endpoint())
                .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(4567));
        assertThat(inherited.toMap()).containsEntry("aws.credentials.basic.accesskeyid", "AKID");
        assertThat(inherited.toString()).doesNotContain("s3cr3t");

        options.put("avro-glue.aws.endpoint", "http://127.0.0.1:5000");
        AwsConfig ownEndpoint = FormatOptionChecks.aws(options, "avro-glue.");
        assertThat(ownEndpoint.region()).contains("us-east-1");
        assertThat(ownEndpoint.endpoint())
                .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(5000));

        options.remove("avro-glue.aws.endpoint");
        options.put("avro-glue.aws.region", "eu-west-1");
        AwsConfig ownRegion = FormatOptionChecks.aws(options, "avro-glue.");
        assertThat(ownRegion.region()).contains("eu-west-1");
        assertThat(ownRegion.endpoint()).as("the Kinesis endpoint is not the registry's").isEmpty();
        assertThat(ownRegion.toMap()).containsEntry("aws.credentials.provider", "BASIC");
    }

    @Test
    void thePrefixIsFoundAsWrittenForValueFormats() {
        assertThat(
                        FormatOptionChecks.prefix(
                                Map.of("value.avro-glue.registry.name", "r"), "avro-glue"))
                .isEqualTo("value.avro-glue.");
        assertThat(FormatOptionChecks.prefix(Map.of(), "avro-glue")).isEqualTo("avro-glue.");
    }
}
