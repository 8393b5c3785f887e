package io.github.flinkkinesis.examples;

import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.ProjectPaths;
import io.github.flinkkinesis.testing.ServerKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one-command demo ({@code ./demo.sh}). It starts a local Kinesis server (kinesalite) and a
 * local Glue server (moto), creates the stream, then runs each script of {@code
 * sql-client-examples/sql/} in its own session of the real Flink SQL Client, with the connector's
 * and the catalog's SQL jars: the first creates the Kinesis table in the Glue catalog, the second
 * writes events with {@code INSERT}, the third reads them back with their metadata. Because each
 * script is a new session, the tables the later ones use come from Glue. It stops the servers when
 * it ends, also on failure.
 */
public final class Demo {

    /** The demo's stream. */
    public static final String STREAM = "demo-events";

    /** Run at the start of every session ({@code -i}): creates and uses the Glue catalog. */
    static final String INIT_SCRIPT = "00-init-glue-catalog.sql";

    /** The scripts the demo runs, in order, each in a new SQL Client session. */
    static final List<String> SCRIPTS =
            List.of("01-create-tables.sql", "02-write-events.sql", "03-read-with-metadata.sql");

    private Demo() {}

    public static void main(String[] args) {
        try {
            List<SqlClientRun.Result> results = run(sqlJars(), System.out);
            boolean failed =
                    results.size() < SCRIPTS.size()
                            || results.stream().anyMatch(SqlClientRun.Result::failed);
            System.out.println(failed ? "DEMO FAILED (see [ERROR] above)" : "Demo finished.");
            System.exit(failed ? 1 : 0);
        } catch (Exception e) {
            System.err.println("DEMO FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** The SQL jars of the connector and the catalog, named by system properties. */
    public static List<Path> sqlJars() {
        return List.of(jar("connector.sql.jar"), jar("catalog.sql.jar"));
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException(
                    "The SQL jar "
                            + path
                            + " (system property "
                            + property
                            + ") does not exist: build it first with 'mvn -B -DskipTests -pl"
                            + " sql-client-examples -am install' (./demo.sh does this)");
        }
        return Path.of(path);
    }

    /** Runs the whole demo and returns the SQL Client result of each script, in order. */
    public static List<SqlClientRun.Result> run(List<Path> sqlJars, PrintStream out)
            throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("flink-kinesis-demo-");
        try (LocalServer kinesis = LocalServer.start(ServerKind.KINESALITE);
                LocalServer glue = LocalServer.start(ServerKind.MOTO)) {
            out.println("Started " + kinesis + " and " + glue);
            try (DemoStreams streams = new DemoStreams(kinesis.endpoint())) {
                streams.createStream(STREAM, 2);
            }
            out.println("Created the Kinesis stream '" + STREAM + "' with 2 shards");
            Map<String, String> variables =
                    Map.of(
                            "${KINESIS_ENDPOINT}", kinesis.endpoint().toString(),
                            "${GLUE_ENDPOINT}", glue.endpoint().toString());
            Path init = render(INIT_SCRIPT, variables, workDir);
            List<SqlClientRun.Result> results = new ArrayList<>();
            for (String script : SCRIPTS) {
                Path rendered = render(script, variables, workDir);
                out.println("== " + script + " (new SQL Client session) ==");
                SqlClientRun.Result result =
                        SqlClientRun.run(init, rendered, sqlJars, workDir, 600);
                out.println(result.output());
                results.add(result);
                if (result.failed()) {
                    out.println(
                            "Script " + script + " failed; SQL Client log: " + result.logFile());
                    break;
                }
            }
            return results;
        }
    }

    /** Writes {@code sql/<script>} to {@code workDir} with {@code variables} replaced. */
    static Path render(String script, Map<String, String> variables, Path workDir)
            throws IOException {
        Path source = ProjectPaths.projectRoot().resolve("sql-client-examples/sql").resolve(script);
        String sql = Files.readString(source, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> v : variables.entrySet()) {
            sql = sql.replace(v.getKey(), v.getValue());
        }
        Path target = workDir.resolve(script);
        Files.writeString(target, sql, StandardCharsets.UTF_8);
        return target;
    }
}
