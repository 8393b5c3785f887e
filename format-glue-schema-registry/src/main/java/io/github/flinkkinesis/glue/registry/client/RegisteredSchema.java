package io.github.flinkkinesis.glue.registry.client;

import java.util.UUID;
import org.apache.flink.annotation.Internal;

/** One schema version as the registry reports it. */
@Internal
public record RegisteredSchema(UUID versionId, long versionNumber, String definition) {}
