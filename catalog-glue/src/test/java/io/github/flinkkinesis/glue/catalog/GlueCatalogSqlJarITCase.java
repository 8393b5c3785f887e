package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.testing.LocalServerExtension;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The self-contained SQL jar (classifier {@code sql}) works on its own: in a class loader that has
 * Flink but neither the AWS SDK nor this project's classes, {@code CREATE CATALOG ...
 * 'type'='glue'} finds the factory in the jar and the catalog talks to moto's Glue with the
 * relocated SDK.
 */
class GlueCatalogSqlJarITCase {

    @RegisterExtension static final LocalServerExtension MOTO = LocalServerExtension.moto();

    /** Classpath entries the SQL jar must bring itself (or that are this project's own). */
    private static final List<String> PROVIDED_BY_THE_JAR =
            List.of(
                    "/software/amazon/",
                    "/io/netty/",
                    "/org/apache/httpcomponents/",
                    "/commons-codec/",
                    "/commons-logging/",
                    "/org/reactivestreams/",
                    "/io/github/flinkkinesis/",
                    File.separator + "target" + File.separator);

    private static Path sqlJar() throws Exception {
        // this Flink line's build directory (target, or target/flink-1.20): set by the pom
        Path buildDirectory = Paths.get(System.getProperty("build.directory", "target"));
        try (DirectoryStream<Path> jars =
                Files.newDirectoryStream(buildDirectory, "flink-catalog-glue-*-sql.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        }
        throw new IllegalStateException(
                "No flink-catalog-glue-*-sql.jar in "
                        + buildDirectory
                        + ": run this test with 'mvn verify', after the package phase has built"
                        + " the SQL jar");
    }

    private static URLClassLoader flinkWithSqlJar() throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(sqlJar().toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = Paths.get(entry).toAbsolutePath().toString().replace('\\', '/');
            if (PROVIDED_BY_THE_JAR.stream().noneMatch(p -> path.contains(p.replace('\\', '/')))) {
                urls.add(Paths.get(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void theSqlJarAloneCreatesAndUsesTheCatalog() throws Exception {
        MOTO.resetMoto();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = flinkWithSqlJar()) {
            assertThat(loader.getResource("software/amazon/awssdk/services/glue/GlueClient.class"))
                    .as("the isolated class loader must not see the unshaded AWS SDK")
                    .isNull();
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> settingsClass =
                    loader.loadClass("org.apache.flink.table.api.EnvironmentSettings");
            Object settings = settingsClass.getMethod("inBatchMode").invoke(null);
            Class<?> envClass = loader.loadClass("org.apache.flink.table.api.TableEnvironment");
            Object env = envClass.getMethod("create", settingsClass).invoke(null, settings);
            String createCatalog =
                    GlueCatalogSqlITCase.createCatalogSql(
                            "glue", GlueCatalogITCase.catalogAwsOptions(MOTO), Map.of());
            envClass.getMethod("executeSql", String.class).invoke(env, createCatalog);
            envClass.getMethod("executeSql", String.class)
                    .invoke(env, "CREATE DATABASE glue.from_sql_jar");

            Object catalog =
                    ((Optional<?>)
                                    envClass.getMethod("getCatalog", String.class)
                                            .invoke(env, "glue"))
                            .orElseThrow();
            assertThat(catalog.getClass().getName())
                    .isEqualTo("io.github.flinkkinesis.glue.catalog.GlueCatalog");
            assertThat(catalog.getClass().getProtectionDomain().getCodeSource().getLocation())
                    .isEqualTo(sqlJar().toUri().toURL());
            @SuppressWarnings("unchecked")
            List<String> databases =
                    (List<String>) catalog.getClass().getMethod("listDatabases").invoke(catalog);
            assertThat(databases).containsExactlyInAnyOrder("default", "from_sql_jar");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
