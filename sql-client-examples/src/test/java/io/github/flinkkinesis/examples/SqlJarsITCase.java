package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The connector's and the catalog's SQL jars go onto one class path (the demo loads both with
 * {@code -j}): they must not contain the same class, or whichever jar comes first would serve it,
 * compiled against the other jar's relocated SDK.
 */
class SqlJarsITCase {

    @Test
    void theTwoSqlJarsShareNoClass() throws IOException {
        List<Path> jars = Demo.sqlJars();
        Set<String> connector = classes(jars.get(0));
        Set<String> catalog = classes(jars.get(1));
        assertThat(connector).as("classes in %s", jars.get(0)).hasSizeGreaterThan(1000);
        assertThat(catalog).as("classes in %s", jars.get(1)).hasSizeGreaterThan(1000);
        Set<String> shared = new HashSet<>(connector);
        shared.retainAll(catalog);
        assertThat(shared).as("classes in both sql jars").isEmpty();
    }

    @Test
    void ourClassesInTheSqlJarsHaveNoSerializableLambda() throws IOException {
        // a serialized lambda names its signature in a string the relocation does not rewrite, so
        // it fails to deserialize on the task managers ("Invalid lambda deserialization")
        List<String> offenders = new java.util.ArrayList<>();
        for (Path jar : Demo.sqlJars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (var entry : java.util.Collections.list(file.entries())) {
                    String name = entry.getName();
                    if (name.startsWith("io/github/flinkkinesis/")
                            && !name.contains("/shaded/")
                            && name.endsWith(".class")) {
                        byte[] bytes = file.getInputStream(entry).readAllBytes();
                        if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                                .contains("$deserializeLambda$")) {
                            offenders.add(jar.getFileName() + "!" + name);
                        }
                    }
                }
            }
        }
        assertThat(offenders).as("classes with serializable lambdas").isEmpty();
    }

    private static Set<String> classes(Path jar) throws IOException {
        Set<String> names = new HashSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.contains("module-info"))
                    .forEach(names::add);
        }
        return names;
    }
}
