package io.github.flinkkinesis.glue.registry;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.aws.AwsOptions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;

/**
 * What a registry format needs from the whole table's options: the prefix its options were written
 * with ({@code avro-glue.} or {@code value.avro-glue.}), errors for values of the wrong type that
 * name the key as written and the allowed values, and the AWS connection (the table's {@code aws.*}
 * unless the format names its own region or endpoint).
 */
@Internal
public final class FormatOptionChecks {

    private FormatOptionChecks() {}

    /** The prefix of the format's keys in {@code table}, e.g. {@code value.avro-glue.}. */
    public static String prefix(Map<String, String> table, String identifier) {
        String suffix = identifier + "." + GlueSchemaRegistryOptions.REGISTRY_NAME.key();
        for (String key : table.keySet()) {
            if (key.endsWith(suffix)) {
                return key.substring(
                        0, key.length() - GlueSchemaRegistryOptions.REGISTRY_NAME.key().length());
            }
        }
        return identifier + ".";
    }

    /**
     * Checks that every format option the table sets has a value of its type, and that the required
     * ones are set, naming the key as written.
     */
    public static void check(Map<String, String> table, String prefix) {
        for (ConfigOption<?> option : GlueSchemaRegistryOptions.required()) {
            String value = table.get(prefix + option.key());
            if (value == null || value.isBlank()) {
                throw new ValidationException(
                        "Option '"
                                + prefix
                                + option.key()
                                + "' is required by the format: "
                                + option.description());
            }
        }
        List<ConfigOption<?>> all = GlueSchemaRegistryOptions.optional();
        for (ConfigOption<?> option : all) {
            String value = table.get(prefix + option.key());
            if (value == null) {
                continue;
            }
            try {
                Configuration.fromMap(Map.of(option.key(), value.trim())).get(option);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        "Invalid value '"
                                + value
                                + "' for option '"
                                + prefix
                                + option.key()
                                + "': expected "
                                + expected(option)
                                + ".");
            }
        }
    }

    /**
     * What a value of {@code option} looks like. aws-common's {@code OptionKeys} has the same rule
     * for more types but keeps it package-private; this format's options are enums, booleans and
     * numbers.
     */
    private static String expected(ConfigOption<?> option) {
        Object example = option.hasDefaultValue() ? option.defaultValue() : null;
        if (example instanceof Enum) {
            return "one of "
                    + Arrays.toString(((Enum<?>) example).getDeclaringClass().getEnumConstants());
        }
        if (example instanceof Boolean) {
            return "true or false";
        }
        return "a whole number";
    }

    /**
     * The registry's AWS connection: the table's {@code aws.*} options (credentials, HTTP, retries,
     * region, endpoint), with the format's own region and endpoint in their place when it sets
     * them; a format region without a format endpoint drops the table's endpoint.
     */
    public static AwsConfig aws(Map<String, String> table, String prefix) {
        Map<String, String> aws = new HashMap<>();
        table.forEach(
                (key, value) -> {
                    if (key.startsWith("aws.")) {
                        aws.put(key, value);
                    }
                });
        String region = table.get(prefix + GlueSchemaRegistryOptions.AWS_REGION.key());
        String endpoint = table.get(prefix + GlueSchemaRegistryOptions.AWS_ENDPOINT.key());
        if (region != null) {
            aws.put(AwsOptions.REGION.key(), region);
            // the table's endpoint belongs to the table's region (and service): not to this one
            aws.remove(AwsOptions.ENDPOINT.key());
        }
        if (endpoint != null) {
            aws.put(AwsOptions.ENDPOINT.key(), endpoint);
        }
        return AwsConfig.fromMap(aws);
    }
}
