package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.kinesis.source.KinesisSource;

/**
 * A deliberate import against the layering (proxy → source), for {@code ConnectorArchitectureTest}
 * to prove that its rules catch one. Never used otherwise.
 */
public final class ArchitectureViolationFixture {

    private ArchitectureViolationFixture() {}

    /** The forbidden dependency. */
    public static Class<?> uses() {
        return KinesisSource.class;
    }
}
