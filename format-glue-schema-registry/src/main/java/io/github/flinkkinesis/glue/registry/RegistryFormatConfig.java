package io.github.flinkkinesis.glue.registry;

import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compatibility;
import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compression;
import java.io.Serializable;
import java.time.Duration;
import java.util.OptionalInt;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The validated format options of one table (registry, schema, version pin, cache, writing and
 * error policy), as a small serializable value shipped to the task managers with the format. The
 * AWS connection is not here: it travels inside the {@code SchemaRegistry.Factory}.
 */
@Internal
public record RegistryFormatConfig(
        String registryName,
        String schemaName,
        Integer pinnedVersion,
        boolean autoRegistration,
        Compatibility compatibility,
        Compression compression,
        int cacheSize,
        long cacheTtlMillis,
        boolean ignoreParseErrors)
        implements Serializable {

    /** Reads the options (already type-checked by Flink); wrong ranges name the key. */
    public static RegistryFormatConfig from(ReadableConfig options, String prefix) {
        RegistryFormatConfig config =
                new RegistryFormatConfig(
                        options.get(GlueSchemaRegistryOptions.REGISTRY_NAME),
                        options.get(GlueSchemaRegistryOptions.SCHEMA_NAME),
                        options.getOptional(GlueSchemaRegistryOptions.SCHEMA_VERSION).orElse(null),
                        options.get(GlueSchemaRegistryOptions.SCHEMA_AUTO_REGISTRATION),
                        options.get(GlueSchemaRegistryOptions.SCHEMA_COMPATIBILITY),
                        options.get(GlueSchemaRegistryOptions.SCHEMA_COMPRESSION),
                        options.get(GlueSchemaRegistryOptions.CACHE_SIZE),
                        options.get(GlueSchemaRegistryOptions.CACHE_TTL_MS),
                        options.get(GlueSchemaRegistryOptions.IGNORE_PARSE_ERRORS));
        config.validate(prefix);
        return config;
    }

    private void validate(String prefix) {
        requireNotBlank(registryName, prefix + GlueSchemaRegistryOptions.REGISTRY_NAME.key());
        requireNotBlank(schemaName, prefix + GlueSchemaRegistryOptions.SCHEMA_NAME.key());
        if (pinnedVersion != null && pinnedVersion < 1) {
            throw invalid(
                    prefix + GlueSchemaRegistryOptions.SCHEMA_VERSION.key(),
                    pinnedVersion,
                    "a schema version number is at least 1");
        }
        if (cacheSize < 1) {
            throw invalid(
                    prefix + GlueSchemaRegistryOptions.CACHE_SIZE.key(),
                    cacheSize,
                    "must be at least 1");
        }
        if (cacheTtlMillis < 1) {
            throw invalid(
                    prefix + GlueSchemaRegistryOptions.CACHE_TTL_MS.key(),
                    cacheTtlMillis,
                    "must be at least 1 (milliseconds)");
        }
    }

    public OptionalInt version() {
        return pinnedVersion == null ? OptionalInt.empty() : OptionalInt.of(pinnedVersion);
    }

    public Duration cacheTtl() {
        return Duration.ofMillis(cacheTtlMillis);
    }

    private static void requireNotBlank(String value, String key) {
        if (value == null || value.isBlank()) {
            throw invalid(key, value, "must name a registry or schema, not be blank");
        }
    }

    private static org.apache.flink.table.api.ValidationException invalid(
            String key, Object value, String rule) {
        return new org.apache.flink.table.api.ValidationException(
                "Invalid value '" + value + "' for option '" + key + "': " + rule + ".");
    }
}
