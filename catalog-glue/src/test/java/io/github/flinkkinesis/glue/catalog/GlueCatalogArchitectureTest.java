package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.glue.catalog.exception.GlueAccessDeniedException;
import io.github.flinkkinesis.glue.catalog.exception.GlueConcurrentModificationException;
import io.github.flinkkinesis.glue.catalog.operations.GlueTableOperations;
import io.github.flinkkinesis.glue.catalog.testutil.CompiledClass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The catalog's layering, checked on its compiled classes (target/classes): dependencies run one
 * way, catalog → operations → converter / exception; nothing below the catalog calls back into it;
 * only {@code operations} classes call Glue; the catalog uses no module of this project but {@code
 * aws-common}; and every type says whether it is API ({@code @PublicEvolving}) or not
 * ({@code @Internal}).
 */
class GlueCatalogArchitectureTest {

    private static final String CATALOG = "io.github.flinkkinesis.glue.catalog";
    private static final String OPERATIONS = CATALOG + ".operations";
    private static final String CONVERTER = CATALOG + ".converter";
    private static final String EXCEPTION = CATALOG + ".exception";

    /** The catalog's packages, each with the others it may use. */
    private static final Map<String, Set<String>> MAY_USE =
            Map.of(
                    CATALOG, Set.of(OPERATIONS, CONVERTER, EXCEPTION),
                    OPERATIONS, Set.of(CONVERTER, EXCEPTION),
                    CONVERTER, Set.of(),
                    EXCEPTION, Set.of());

    /** This project's packages the catalog may use besides its own. */
    private static final String AWS_COMMON = "io.github.flinkkinesis.aws";

    /** The catalog's API: a type joins this list by a deliberate decision, never by accident. */
    private static final Set<String> PUBLIC_EVOLVING =
            Set.of(
                    GlueCatalog.class.getName(),
                    GlueCatalogFactory.class.getName(),
                    GlueCatalogOptions.class.getName(),
                    GlueCatalogConfig.class.getName(),
                    GlueAccessDeniedException.class.getName(),
                    GlueConcurrentModificationException.class.getName());

    private static List<CompiledClass> classes;

    @BeforeAll
    static void readCompiledClasses() throws Exception {
        Path output =
                Path.of(
                        GlueCatalog.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        classes = CompiledClass.readAll(output);
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static boolean isCatalogClass(String className) {
        return className.equals(CATALOG) || className.startsWith(CATALOG + ".");
    }

    @Test
    void theClassFilesAreReadWithTheirReferencesAndAnnotations() {
        CompiledClass catalog =
                classes.stream()
                        .filter(c -> c.name().equals(GlueCatalog.class.getName()))
                        .findFirst()
                        .orElseThrow();
        assertThat(catalog.references()).contains(GlueTableOperations.class.getName());
        assertThat(catalog.invokedOwners()).contains(GlueTableOperations.class.getName());
        assertThat(catalog.annotations()).containsExactly(PublicEvolving.class.getName());
        assertThat(classes.stream().map(CompiledClass::packageName).distinct())
                .containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
    }

    @Test
    void nothingBelowTheCatalogReferencesIt() {
        List<String> violations = new ArrayList<>();
        for (CompiledClass c : classes) {
            if (c.packageName().equals(CATALOG)) {
                continue;
            }
            c.references().stream()
                    .filter(r -> packageOf(r).equals(CATALOG))
                    .forEach(r -> violations.add(c.name() + " -> " + r));
        }
        assertThat(violations)
                .as(
                        "operations, converter and exception classes never call back into"
                                + " GlueCatalog or the other classes of %s",
                        CATALOG)
                .isEmpty();
    }

    @Test
    void dependenciesRunFromTheCatalogToOperationsToConvertersAndExceptions() {
        List<String> violations = new ArrayList<>();
        for (CompiledClass c : classes) {
            Set<String> allowed = MAY_USE.get(c.packageName());
            assertThat(allowed)
                    .as("package of %s is one of %s", c.name(), MAY_USE.keySet())
                    .isNotNull();
            for (String r : c.references()) {
                String target = packageOf(r);
                if (isCatalogClass(r)
                        && !target.equals(c.packageName())
                        && !allowed.contains(target)) {
                    violations.add(c.name() + " -> " + r);
                }
            }
        }
        assertThat(violations)
                .as("dependencies run catalog -> operations -> converter / exception, never back")
                .isEmpty();
    }

    @Test
    void onlyOperationsClassesCallGlue() {
        List<String> callers =
                classes.stream()
                        .filter(c -> c.invokedOwners().contains(GlueClient.class.getName()))
                        .map(CompiledClass::name)
                        .collect(Collectors.toList());
        assertThat(callers).isNotEmpty().allMatch(name -> packageOf(name).equals(OPERATIONS));
    }

    @Test
    void theCatalogUsesNoModuleOfThisProjectButAwsCommon() {
        List<String> violations = new ArrayList<>();
        for (CompiledClass c : classes) {
            c.references().stream()
                    .filter(r -> r.startsWith("io.github.flinkkinesis."))
                    .filter(r -> !isCatalogClass(r) && !r.startsWith(AWS_COMMON + "."))
                    .forEach(r -> violations.add(c.name() + " -> " + r));
        }
        assertThat(violations)
                .as("the catalog stores connector options as strings and never uses the connector")
                .isEmpty();
    }

    @Test
    void everyTypeIsEitherPublicEvolvingOrInternal() {
        String publicEvolving = PublicEvolving.class.getName();
        String internal = Internal.class.getName();
        for (CompiledClass c : classes) {
            if (!c.isTopLevel()) {
                continue;
            }
            String expected = PUBLIC_EVOLVING.contains(c.name()) ? publicEvolving : internal;
            assertThat(c.annotations())
                    .as("stability annotation of %s", c.name())
                    .contains(expected)
                    .doesNotContain(expected.equals(internal) ? publicEvolving : internal);
        }
    }
}
