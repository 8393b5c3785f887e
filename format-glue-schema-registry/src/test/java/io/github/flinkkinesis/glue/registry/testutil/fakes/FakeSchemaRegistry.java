package io.github.flinkkinesis.glue.registry.testutil.fakes;

import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compatibility;
import io.github.flinkkinesis.glue.registry.client.RegisteredSchema;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistry;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistryException;
import io.github.flinkkinesis.glue.registry.client.SchemaVersionNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory registry behind the {@link SchemaRegistry} seam: schemas with numbered versions,
 * calls counted, and a failure to throw from every call (access denied, ...) — what moto cannot
 * show. Shared through a static map by name so that a serializable factory finds it on the "task".
 */
public final class FakeSchemaRegistry implements SchemaRegistry {

    private static final Map<String, FakeSchemaRegistry> INSTANCES = new ConcurrentHashMap<>();

    private final Map<UUID, String> definitions = new ConcurrentHashMap<>();
    private final Map<String, List<RegisteredSchema>> schemas = new ConcurrentHashMap<>();
    private final Map<String, Compatibility> compatibilities = new ConcurrentHashMap<>();
    public final AtomicInteger definitionCalls = new AtomicInteger();
    public final AtomicInteger registerCalls = new AtomicInteger();
    private volatile RuntimeException failure;

    /** A new fake, reachable from {@link #factory()} by the returned instance's name. */
    public static FakeSchemaRegistry create(String name) {
        FakeSchemaRegistry registry = new FakeSchemaRegistry();
        INSTANCES.put(name, registry);
        return registry;
    }

    public static Factory factory(String name) {
        return () -> INSTANCES.get(name);
    }

    /** Every later call throws this, as Glue would on access denied. */
    public void failWith(RuntimeException e) {
        this.failure = e;
    }

    /** Adds a version to {@code schema} (creating it); returns the version's id. */
    public UUID addVersion(String registry, String schema, String definition) {
        List<RegisteredSchema> versions =
                schemas.computeIfAbsent(registry + "/" + schema, k -> new ArrayList<>());
        UUID id = UUID.randomUUID();
        versions.add(new RegisteredSchema(id, versions.size() + 1, definition));
        definitions.put(id, definition);
        return id;
    }

    public Optional<Compatibility> compatibility(String registry, String schema) {
        return Optional.ofNullable(compatibilities.get(registry + "/" + schema));
    }

    public List<RegisteredSchema> versions(String registry, String schema) {
        return schemas.getOrDefault(registry + "/" + schema, List.of());
    }

    private void maybeFail() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String definition(UUID schemaVersionId) {
        maybeFail();
        definitionCalls.incrementAndGet();
        String definition = definitions.get(schemaVersionId);
        if (definition == null) {
            throw new SchemaVersionNotFoundException(schemaVersionId, "fake");
        }
        return definition;
    }

    @Override
    public Optional<RegisteredSchema> version(
            String registry, String schema, OptionalInt versionNumber) {
        maybeFail();
        List<RegisteredSchema> versions = versions(registry, schema);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        if (versionNumber.isEmpty()) {
            return Optional.of(versions.get(versions.size() - 1));
        }
        return versions.stream()
                .filter(v -> v.versionNumber() == versionNumber.getAsInt())
                .findFirst();
    }

    @Override
    public Optional<UUID> find(String registry, String schema, String definition) {
        maybeFail();
        return versions(registry, schema).stream()
                .filter(v -> v.definition().equals(definition))
                .map(RegisteredSchema::versionId)
                .findFirst();
    }

    @Override
    public UUID register(
            String registry,
            String schema,
            String dataFormat,
            String definition,
            Compatibility compatibility) {
        maybeFail();
        registerCalls.incrementAndGet();
        compatibilities.putIfAbsent(registry + "/" + schema, compatibility);
        return addVersion(registry, schema, definition);
    }

    @Override
    public void close() {}

    /** An access-denied failure as the Glue seam reports it. */
    public static SchemaRegistryException accessDenied() {
        return new SchemaRegistryException(
                "The Glue Schema Registry denied glue:GetSchemaVersion on schema 'orders'", null);
    }
}
