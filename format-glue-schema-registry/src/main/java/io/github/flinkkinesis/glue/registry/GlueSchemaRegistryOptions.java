package io.github.flinkkinesis.glue.registry;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options of the {@code avro-glue} format, declared without the format prefix (Flink adds
 * {@code avro-glue.} when a table sets {@code 'format' = 'avro-glue'}, or {@code value.avro-glue.}
 * for a value format). The names follow the open pull request for Flink's own format
 * (apache/flink-connector-aws#236), so DDL written for it works here.
 */
@PublicEvolving
public final class GlueSchemaRegistryOptions {

    private GlueSchemaRegistryOptions() {}

    /** Whether a record's payload is compressed (the header's second byte). */
    public enum Compression {
        NONE,
        ZLIB
    }

    /** The compatibility a schema gets when this format creates it (Glue's CreateSchema). */
    public enum Compatibility {
        NONE,
        DISABLED,
        BACKWARD,
        BACKWARD_ALL,
        FORWARD,
        FORWARD_ALL,
        FULL,
        FULL_ALL
    }

    public static final ConfigOption<String> REGISTRY_NAME =
            ConfigOptions.key("registry.name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of the Glue Schema Registry that holds the schema.");

    public static final ConfigOption<String> SCHEMA_NAME =
            ConfigOptions.key("schema.name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Name of the schema in the registry: the reader schema when reading,"
                                    + " where the table's schema is found or registered when"
                                    + " writing.");

    public static final ConfigOption<Integer> SCHEMA_VERSION =
            ConfigOptions.key("schema.version")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Reading: the schema version number whose fields (and defaults) the"
                                    + " table reads; the latest version when not set.");

    public static final ConfigOption<Boolean> SCHEMA_AUTO_REGISTRATION =
            ConfigOptions.key("schema.autoRegistration")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Writing: register the table's schema (a new schema or a new version)"
                                    + " when the registry does not have it yet; when false it must"
                                    + " exist already.");

    public static final ConfigOption<Compatibility> SCHEMA_COMPATIBILITY =
            ConfigOptions.key("schema.compatibility")
                    .enumType(Compatibility.class)
                    .defaultValue(Compatibility.NONE)
                    .withDescription(
                            "Writing with auto-registration: the compatibility mode of a schema this"
                                    + " format creates.");

    public static final ConfigOption<Compression> SCHEMA_COMPRESSION =
            ConfigOptions.key("schema.compression")
                    .enumType(Compression.class)
                    .defaultValue(Compression.NONE)
                    .withDescription(
                            "Writing: compression of the payload (ZLIB or NONE). Reading"
                                    + " inflates ZLIB records whatever this says.");

    public static final ConfigOption<Integer> CACHE_SIZE =
            ConfigOptions.key("cache.size")
                    .intType()
                    .defaultValue(200)
                    .withDescription("Maximum number of writer schemas kept in the schema cache.");

    public static final ConfigOption<Long> CACHE_TTL_MS =
            ConfigOptions.key("cache.ttlMs")
                    .longType()
                    .defaultValue(86_400_000L)
                    .withDescription(
                            "How long a cached writer schema is kept, in milliseconds (default one"
                                    + " day).");

    public static final ConfigOption<Boolean> IGNORE_PARSE_ERRORS =
            ConfigOptions.key("ignore-parse-errors")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Reading: skip (and count) records without the registry header, with"
                                    + " an unknown schema version id or that do not decode, instead"
                                    + " of failing.");

    public static final ConfigOption<String> AWS_REGION =
            ConfigOptions.key("aws.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Region of the registry; the table's 'aws.region' when not set. When"
                                    + " set, the table's 'aws.endpoint' is not used for the"
                                    + " registry.");

    public static final ConfigOption<String> AWS_ENDPOINT =
            ConfigOptions.key("aws.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Glue endpoint override, e.g. a VPC endpoint or a local server.");

    public static List<ConfigOption<?>> required() {
        return List.of(REGISTRY_NAME, SCHEMA_NAME);
    }

    public static List<ConfigOption<?>> optional() {
        return List.of(
                SCHEMA_VERSION,
                SCHEMA_AUTO_REGISTRATION,
                SCHEMA_COMPATIBILITY,
                SCHEMA_COMPRESSION,
                CACHE_SIZE,
                CACHE_TTL_MS,
                IGNORE_PARSE_ERRORS,
                AWS_REGION,
                AWS_ENDPOINT);
    }
}
