package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.glue.catalog.GlueCatalog;

/**
 * A deliberate call back from operations into the catalog, for {@code GlueCatalogArchitectureTest}
 * to prove that its layer rule catches one. Never used otherwise.
 */
public final class ArchitectureViolationFixture {

    private ArchitectureViolationFixture() {}

    /** The forbidden dependency. */
    public static Class<?> uses() {
        return GlueCatalog.class;
    }
}
