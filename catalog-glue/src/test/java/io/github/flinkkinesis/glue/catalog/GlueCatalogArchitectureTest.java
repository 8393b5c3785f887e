package io.github.flinkkinesis.glue.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.github.flinkkinesis.glue.catalog.exception.GlueAccessDeniedException;
import io.github.flinkkinesis.glue.catalog.exception.GlueConcurrentModificationException;
import io.github.flinkkinesis.glue.catalog.operations.ArchitectureViolationFixture;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.junit.jupiter.api.Test;

/**
 * The catalog's layering, checked on its compiled classes: dependencies run one way, catalog →
 * operations → converter / exception; nothing below the catalog calls back into it; only {@code
 * operations} classes call the Glue client; the catalog uses no module of this project but {@code
 * aws-common}; and every top-level type says whether it is API ({@code @PublicEvolving}, a
 * deliberate list) or not ({@code @Internal}). A fixture (a test class placed in {@code operations}
 * that uses {@link GlueCatalog}) shows that the layer rule catches a call back.
 */
class GlueCatalogArchitectureTest {

    private static final String CATALOG = "io.github.flinkkinesis.glue.catalog";
    private static final String GLUE_CLIENT_PACKAGE = "software.amazon.awssdk.services.glue";

    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    // and a per-line build's test classes (target/flink-1.20/test-classes)
                    .withImportOption(location -> !location.contains("/test-classes/"))
                    .importPackages(CATALOG);

    /** The catalog's API: a type joins this list by a deliberate decision, never by accident. */
    private static final Set<Class<?>> PUBLIC_EVOLVING =
            Set.of(
                    GlueCatalog.class,
                    GlueCatalogFactory.class,
                    GlueCatalogOptions.class,
                    GlueCatalogConfig.class,
                    GlueAccessDeniedException.class,
                    GlueConcurrentModificationException.class);

    static ArchRule layers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Catalog")
                .definedBy(CATALOG)
                .layer("Operations")
                .definedBy(CATALOG + ".operations..")
                .layer("Converter")
                .definedBy(CATALOG + ".converter..")
                .layer("Exception")
                .definedBy(CATALOG + ".exception..")
                .whereLayer("Catalog")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Operations")
                .mayOnlyBeAccessedByLayers("Catalog")
                .whereLayer("Converter")
                .mayOnlyBeAccessedByLayers("Catalog", "Operations")
                .whereLayer("Exception")
                .mayOnlyBeAccessedByLayers("Catalog", "Operations", "Converter");
    }

    @Test
    void dependenciesRunFromTheCatalogToOperationsToConvertersAndExceptions() {
        assertThat(MAIN.size()).as("classes imported").isGreaterThan(20);
        layers().check(MAIN);
    }

    @Test
    void theLayerRuleCatchesACallBackIntoTheCatalog() {
        JavaClasses withViolation =
                new ClassFileImporter()
                        .importClasses(ArchitectureViolationFixture.class, GlueCatalog.class);
        assertThat(layers().evaluate(withViolation).hasViolation()).isTrue();
    }

    @Test
    void onlyOperationsClassesCallGlue() {
        // the catalog may be handed a client (programs and tests do), but only operations call it
        noClasses()
                .that()
                .resideOutsideOfPackage(CATALOG + ".operations..")
                .should()
                .accessClassesThat()
                .resideInAPackage(GLUE_CLIENT_PACKAGE)
                .check(MAIN);
        // and the rule is not vacuous: operations classes do call it
        assertThat(MAIN.stream())
                .filteredOn(
                        c ->
                                c.getAccessesFromSelf().stream()
                                        .anyMatch(
                                                a ->
                                                        a.getTargetOwner()
                                                                .getPackageName()
                                                                .equals(GLUE_CLIENT_PACKAGE)))
                .isNotEmpty()
                .allMatch(c -> c.getPackageName().equals(CATALOG + ".operations"));
    }

    @Test
    void theCatalogUsesNoModuleOfThisProjectButAwsCommon() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.flinkkinesis.kinesis..")
                .as("the catalog stores connector options as strings and never uses the connector")
                .check(MAIN);
    }

    @Test
    void everyTopLevelTypeIsEitherPublicEvolvingOrInternal() {
        classes()
                .that()
                .areTopLevelClasses()
                .and()
                .belongToAnyOf(PUBLIC_EVOLVING.toArray(new Class<?>[0]))
                .should()
                .beAnnotatedWith(PublicEvolving.class)
                .check(MAIN);
        classes()
                .that()
                .areTopLevelClasses()
                .and()
                .doNotBelongToAnyOf(PUBLIC_EVOLVING.toArray(new Class<?>[0]))
                .should()
                .beAnnotatedWith(Internal.class)
                .check(MAIN);
    }
}
