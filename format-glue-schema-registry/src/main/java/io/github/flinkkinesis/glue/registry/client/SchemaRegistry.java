package io.github.flinkkinesis.glue.registry.client;

import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compatibility;
import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.flink.annotation.Internal;

/**
 * The seam to the Glue Schema Registry: the only calls the formats make. {@link GlueSchemaRegistry}
 * is the one implementation that talks to Glue; tests use a hand-written fake. It uses only calls
 * that moto serves too (GetSchemaVersion, GetSchemaByDefinition, CreateSchema,
 * RegisterSchemaVersion): "latest" is GetSchemaVersion with LatestVersion=true, never
 * ListSchemaVersions.
 *
 * <p>Lifecycle: made on a task manager by a {@link Factory} in the format's {@code open}, closed in
 * its {@code close}.
 */
@Internal
public interface SchemaRegistry extends AutoCloseable {

    /**
     * The definition of a schema version.
     *
     * @throws SchemaVersionNotFoundException when the registry has no version with this id
     * @throws SchemaRegistryException when the registry cannot be asked (access, credentials, ...)
     */
    String definition(UUID schemaVersionId);

    /**
     * A version of {@code schema}: the latest when {@code versionNumber} is empty; empty when the
     * schema (or that version) does not exist.
     */
    Optional<RegisteredSchema> version(String registry, String schema, OptionalInt versionNumber);

    /** The id of the version of {@code schema} with exactly this definition, if there is one. */
    Optional<UUID> find(String registry, String schema, String definition);

    /**
     * Registers {@code definition} as a new version of {@code schema}, creating the schema (with
     * {@code compatibility}) when it does not exist yet; returns the version id.
     */
    UUID register(
            String registry,
            String schema,
            String dataFormat,
            String definition,
            Compatibility compatibility);

    @Override
    void close();

    /** Makes the registry on the task manager, from settings shipped with the format. */
    @FunctionalInterface
    interface Factory extends Serializable {
        SchemaRegistry create();
    }
}
