package io.github.flinkkinesis.glue.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.glue.registry.testutil.LocalAws;
import io.github.flinkkinesis.glue.registry.testutil.SqlJarProgram;
import io.github.flinkkinesis.testing.LocalServerExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The self-contained SQL jars work on their own: a JVM whose class path has Flink and the two SQL
 * jars (the format's next to the connector's) but neither the AWS SDK, Avro, flink-avro, Jackson
 * nor this project's classes writes rows through {@code 'format' = 'avro-glue'} (moto's registry,
 * kinesalite) and reads them back; AWS's library decodes what it wrote. The format's runtime
 * schemas travel to the task through Java serialization, so this also catches what relocation
 * breaks there.
 */
class AvroGlueSqlJarITCase {

    @RegisterExtension static final LocalServerExtension MOTO = LocalServerExtension.moto();

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    /** Classpath entries the SQL jars must bring themselves (or that are this project's own). */
    private static final List<String> PROVIDED_BY_THE_JARS =
            List.of(
                    "/software/amazon/",
                    "/com/amazonaws/",
                    "/io/netty/",
                    "/org/apache/httpcomponents/",
                    "/commons-codec/",
                    "/commons-logging/",
                    "/org/reactivestreams/",
                    "/org/apache/avro/",
                    "/org/apache/flink/flink-avro/",
                    "/com/fasterxml/jackson/",
                    "/io/github/flinkkinesis/",
                    "/target/");

    private static Path buildDirectory() {
        // this Flink line's build directory (target, or target/flink-1.20): set by the pom
        return Paths.get(System.getProperty("build.directory", "target")).toAbsolutePath();
    }

    private static Path jar(Path directory, String glob, String how) throws Exception {
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, glob)) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException("No " + glob + " in " + directory + ": " + how);
    }

    /**
     * Flink and the two SQL jars, without the AWS SDK, Avro, flink-avro, Jackson or this project's
     * classes; plus the test classes for {@link SqlJarProgram} (which uses only Flink's API).
     */
    private static String classPath() throws Exception {
        Path build = buildDirectory();
        boolean line120 = build.getFileName().toString().equals("flink-1.20");
        String classifier = line120 ? "sql-flink-1.20" : "sql";
        Path moduleRoot = line120 ? build.getParent().getParent() : build.getParent();
        Path connectorBuild =
                moduleRoot
                        .getParent()
                        .resolve("connector-kinesis-table")
                        .resolve(moduleRoot.relativize(build));
        List<String> entries = new ArrayList<>();
        entries.add(
                jar(
                                build,
                                "flink-format-glue-schema-registry-*-" + classifier + ".jar",
                                "run this test with 'mvn verify', after the package phase")
                        .toString());
        entries.add(
                jar(
                                connectorBuild,
                                "flink-connector-kinesis-table-*-" + classifier + ".jar",
                                "build the connector's SQL jar first: mvn -B -ntp package -pl"
                                        + " connector-kinesis-table -DskipTests (same profile)")
                        .toString());
        entries.add(build.resolve("test-classes").toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = Paths.get(entry).toAbsolutePath().toString().replace('\\', '/');
            if (PROVIDED_BY_THE_JARS.stream().noneMatch(path::contains)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void theSqlJarsAloneWriteAndReadRegistryFramedRecords() throws Exception {
        assertThat(classPath())
                .as("the program's class path must not have unshaded Avro")
                .doesNotContain("/org/apache/avro/");
        String registry;
        String stream = LocalAws.uniqueName("sqljar");
        List<Record> written;
        try (LocalAws aws = new LocalAws(KINESIS.endpoint(), MOTO.endpoint())) {
            registry = aws.createRegistry(LocalAws.uniqueName("reg"));
            aws.createStream(stream);

            StringBuilder ddl =
                    new StringBuilder(
                            "CREATE TABLE t (id BIGINT, name STRING) WITH ('connector'='kinesis',"
                                    + " 'stream.arn'='"
                                    + stream
                                    + "', 'source.init.position'='TRIM_HORIZON',"
                                    + " 'source.stop.position'='LATEST', 'format'='avro-glue',"
                                    + " 'avro-glue.registry.name'='"
                                    + registry
                                    + "', 'avro-glue.schema.name'='t',"
                                    + " 'avro-glue.schema.autoRegistration'='true',"
                                    + " 'avro-glue.aws.endpoint'='"
                                    + MOTO.endpoint()
                                    + "'");
            LocalAws.awsOptions(KINESIS.endpoint())
                    .forEach(
                            (k, v) ->
                                    ddl.append(", '")
                                            .append(k)
                                            .append("'='")
                                            .append(v)
                                            .append("'"));
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Daws.cborEnabled=false");
            command.add("-Xmx512m");
            command.add("-cp");
            command.add(classPath());
            command.add(SqlJarProgram.class.getName());
            command.add(ddl.append(")").toString());
            command.add("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            command.add("SELECT id, name FROM t");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue())
                    .as("the program's output:%n%s%nclass path: %s", output, command.get(4))
                    .isZero();
            List<String> rows =
                    output.lines()
                            .filter(line -> line.startsWith("ROW "))
                            .map(line -> line.substring(4))
                            .collect(Collectors.toList());
            assertThat(rows).containsExactlyInAnyOrder("+I[1, one]", "+I[2, two]");

            written = aws.readAll(stream);
            List<String> decoded = new ArrayList<>();
            for (Record record : written) {
                GenericRecord r = aws.libraryDecode(registry, "t", record.data().asByteArray());
                decoded.add(r.get("id") + "|" + r.get("name"));
            }
            assertThat(decoded).containsExactlyInAnyOrder("1|one", "2|two");
        }
    }
}
