package io.github.flinkkinesis.kinesis.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.github.flinkkinesis.kinesis.proxy.ArchitectureViolationFixture;
import io.github.flinkkinesis.kinesis.source.KinesisSource;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.junit.jupiter.api.Test;

/**
 * Dependencies in the connector run one way: table → source / sink → proxy → model (→ aws-common).
 * Only proxy classes hold a Kinesis SDK client, the public partitioner API does not reach into the
 * sink, the source's sub-packages do not import each other in circles, and every top-level class
 * says whether it is public API ({@code @PublicEvolving}) or not ({@code @Internal}). Checked on
 * the compiled main classes; a fixture (a test class placed in {@code proxy} that uses the source)
 * shows that the rules do catch an import against the direction.
 */
class ConnectorArchitectureTest {

    private static final String ROOT = "io.github.flinkkinesis.kinesis";

    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    // and a per-line build's test classes (target/flink-1.20/test-classes)
                    .withImportOption(location -> !location.contains("/test-classes/"))
                    .importPackages(ROOT);

    static ArchRule layers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Table")
                .definedBy(ROOT + ".table..")
                .layer("Source")
                .definedBy(ROOT + ".source..")
                .layer("Sink")
                .definedBy(ROOT + ".sink..")
                .layer("Proxy")
                .definedBy(ROOT + ".proxy..")
                .layer("Model")
                .definedBy(ROOT + ".model..")
                .whereLayer("Table")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Source")
                .mayOnlyBeAccessedByLayers("Table")
                .whereLayer("Sink")
                .mayOnlyBeAccessedByLayers("Table")
                .whereLayer("Proxy")
                .mayOnlyBeAccessedByLayers("Source", "Sink", "Table")
                .whereLayer("Model")
                .mayOnlyBeAccessedByLayers("Proxy", "Source", "Sink", "Table");
    }

    @Test
    void dependenciesRunOneWay() {
        assertThat(MAIN.size()).as("classes imported").isGreaterThan(40);
        layers().check(MAIN);
    }

    @Test
    void theRulesCatchAnImportAgainstTheDirection() {
        JavaClasses withViolation =
                new ClassFileImporter()
                        .importClasses(ArchitectureViolationFixture.class, KinesisSource.class);
        assertThat(layers().evaluate(withViolation).hasViolation()).isTrue();
    }

    @Test
    void onlyTheProxyHoldsAKinesisClient() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".proxy..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk.services.kinesis")
                .check(MAIN);
    }

    @Test
    void thePartitionerApiDoesNotReachIntoTheSink() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".sink.partitioner..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".sink")
                .check(MAIN);
    }

    @Test
    void everyTopLevelClassSaysWhetherItIsPublicApi() {
        classes()
                .that()
                .areTopLevelClasses()
                .should()
                .beAnnotatedWith(PublicEvolving.class)
                .orShould()
                .beAnnotatedWith(Internal.class)
                .check(MAIN);
    }

    @Test
    void sourceSubPackagesAreFreeOfCycles() {
        slices().matching(ROOT + ".source.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
