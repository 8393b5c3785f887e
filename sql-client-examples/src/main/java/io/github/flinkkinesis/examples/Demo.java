package io.github.flinkkinesis.examples;

import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.ProjectPaths;
import io.github.flinkkinesis.testing.ServerKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one-command demo ({@code ./demo.sh}): starts a local Kinesis server and a local Glue server
 * (moto), creates a stream, writes sample events into it, then runs the scripts of {@code
 * sql-client-examples/sql/} through the real Flink SQL Client with the connector's and the Glue
 * catalog's SQL jars, each script in its own session, and prints what the client printed. The first
 * script keeps the table in the Glue catalog; the next ones find it there. It stops what it
 * started, also when a step fails.
 */
public final class Demo {

    /** The demo's stream. */
    public static final String STREAM = "demo-events";

    /** The scripts the demo runs, in order. */
    static final List<String> SCRIPTS = List.of("00-glue-catalog.sql", "01-read-with-metadata.sql");

    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path sqlJar = connectorSqlJar();
        try {
            List<SqlClientRun.Result> results = run(sqlJar, System.out);
            boolean failed = results.stream().anyMatch(SqlClientRun.Result::failed);
            System.out.println(failed ? "DEMO FAILED (see [ERROR] above)" : "Demo finished.");
            System.exit(failed ? 1 : 0);
        } catch (Exception e) {
            System.err.println("DEMO FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** The connector's SQL jar, named by the {@code connector.sql.jar} system property. */
    public static Path connectorSqlJar() {
        String path = System.getProperty("connector.sql.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException(
                    "The connector's SQL jar "
                            + path
                            + " does not exist: build it first with 'mvn -B -DskipTests -pl"
                            + " sql-client-examples -am install' (./demo.sh does this)");
        }
        return Path.of(path);
    }

    /** The Glue catalog's SQL jar, named by the {@code catalog.sql.jar} system property. */
    public static Path catalogSqlJar() {
        String path = System.getProperty("catalog.sql.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException(
                    "The Glue catalog's SQL jar "
                            + path
                            + " does not exist: build it first with 'mvn -B -DskipTests -pl"
                            + " sql-client-examples -am install' (./demo.sh does this)");
        }
        return Path.of(path);
    }

    /** Runs the whole demo and returns the SQL Client result of each script, in order. */
    public static List<SqlClientRun.Result> run(Path sqlJar, java.io.PrintStream out)
            throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("flink-kinesis-demo-");
        List<Path> jars = List.of(sqlJar, catalogSqlJar());
        try (LocalServer kinesis = LocalServer.start(ServerKind.KINESALITE);
                LocalServer glue = LocalServer.start(ServerKind.MOTO)) {
            out.println("Started " + kinesis + " and " + glue);
            try (DemoStreams streams = new DemoStreams(kinesis.endpoint())) {
                streams.createStream(STREAM, 2);
                streams.putEvents(STREAM);
                out.println(
                        "Created stream '"
                                + STREAM
                                + "' with 2 shards and wrote "
                                + DemoStreams.EVENTS.size()
                                + " events");
            }
            Map<String, String> variables =
                    Map.of(
                            "${KINESIS_ENDPOINT}", kinesis.endpoint().toString(),
                            "${GLUE_ENDPOINT}", glue.endpoint().toString());
            List<SqlClientRun.Result> results = new java.util.ArrayList<>();
            for (String script : SCRIPTS) {
                Path rendered = render(script, variables, workDir);
                out.println("== Running " + script + " in the Flink SQL Client ==");
                SqlClientRun.Result result = SqlClientRun.run(rendered, jars, workDir, 600);
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

    private static Path render(String script, Map<String, String> variables, Path workDir)
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
