package io.github.flinkkinesis.glue.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * One seam per external system: only the {@code client} package calls Glue (the formats see the
 * registry through {@code SchemaRegistry}), and the seam knows nothing of Avro or of the formats.
 */
class FormatArchitectureTest {

    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    // main classes only; ArchUnit's DO_NOT_INCLUDE_TESTS does not know this
                    // build's per-line directories (target/flink-1.20/test-classes)
                    .withImportOption(location -> !location.contains("/test-classes/"))
                    .importPackages("io.github.flinkkinesis.glue.registry");

    @Test
    void onlyTheClientPackageCallsGlue() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..registry.client..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk.services.glue..")
                .check(CLASSES);
    }

    @Test
    void theRegistrySeamDoesNotDependOnAvroOrTheFormats() {
        noClasses()
                .that()
                .resideInAPackage("..registry.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.avro..", "..registry.avro..", "org.apache.flink.formats..")
                .check(CLASSES);
    }
}
