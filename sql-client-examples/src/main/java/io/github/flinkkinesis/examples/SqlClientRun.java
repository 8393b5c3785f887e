package io.github.flinkkinesis.examples;

import io.github.flinkkinesis.testing.ProjectPaths;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one SQL script through the real Flink SQL Client ({@code SqlClient embedded -j JAR -f
 * SCRIPT}) in a child JVM with stdin closed, exactly as a user would from a shell, and returns what
 * it printed (or, with {@code -Ddemo.client=table-api}, through {@link TableApiScripts}, which
 * takes the same arguments). The client exits 0 even when a statement fails, so {@link
 * Result#failed()} looks for its {@code [ERROR]} marker.
 */
public final class SqlClientRun {

    /** What the SQL Client printed and how it ended. */
    public record Result(int exitCode, String output, Path logFile) {
        public boolean failed() {
            return exitCode != 0 || output.contains("[ERROR]");
        }
    }

    /**
     * System property choosing the client: {@value #TABLE_API} runs the scripts through {@link
     * TableApiScripts} instead, for Flink releases whose SQL Client is not published.
     */
    public static final String CLIENT_PROPERTY = "demo.client";

    public static final String TABLE_API = "table-api";

    private SqlClientRun() {}

    /**
     * Runs {@code script}, after the optional {@code initScript} ({@code -i}), with the given jars
     * on the SQL Client's {@code -j} list, using this JVM's class path (the SQL Client, planner,
     * runtime and formats) for the client itself.
     */
    public static Result run(
            Path initScript, Path script, List<Path> jars, Path workDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(defaultConfDir(), initScript, script, jars, workDir, timeoutSeconds);
    }

    /**
     * The demo's Flink configuration folder, {@code sql-client-examples/conf}: an embedded local
     * cluster ({@code execution.target: local}) bound to 127.0.0.1.
     */
    public static Path defaultConfDir() {
        return ProjectPaths.projectRoot().resolve("sql-client-examples/conf");
    }

    /**
     * As {@link #run(Path, Path, List, Path, long)}, with the Flink configuration of {@code
     * confDir} ({@code FLINK_CONF_DIR}: its {@code config.yaml} says where jobs go, e.g. {@code
     * execution.target: remote} and a cluster's {@code rest.port}); the client logs with that
     * folder's {@code log4j-cli.properties}.
     */
    public static Result run(
            Path confDir,
            Path initScript,
            Path script,
            List<Path> jars,
            Path workDir,
            long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(confDir, initScript, script, jars, workDir, timeoutSeconds, Map.of());
    }

    /**
     * As {@link #run(Path, Path, Path, List, Path, long)}, with {@code environment} changing the
     * client's environment variables (a {@code null} value removes one, e.g. {@code AWS_REGION}).
     */
    public static Result run(
            Path confDir,
            Path initScript,
            Path script,
            List<Path> jars,
            Path workDir,
            long timeoutSeconds,
            Map<String, String> environment)
            throws IOException, InterruptedException {
        Path log = workDir.resolve("sql-client-" + System.nanoTime() + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Daws.cborEnabled=false");
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j-cli.properties").toUri());
        cmd.add("-Dlog.file=" + log);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        if (TABLE_API.equals(System.getProperty(CLIENT_PROPERTY))) {
            cmd.add(TableApiScripts.class.getName());
        } else {
            cmd.add("org.apache.flink.table.client.SqlClient");
            cmd.add("embedded");
        }
        for (Path jar : jars) {
            cmd.add("-j");
            cmd.add(jar.toString());
        }
        if (initScript != null) {
            cmd.add("-i");
            cmd.add(initScript.toString());
        }
        cmd.add("-f");
        cmd.add(script.toString());
        Path out = workDir.resolve("sql-client-" + System.nanoTime() + ".out");
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile());
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        pb.environment().put("CBOR_ENABLED", "false");
        environment.forEach(
                (name, value) -> {
                    if (value == null) {
                        pb.environment().remove(name);
                    } else {
                        pb.environment().put(name, value);
                    }
                });
        Process process = pb.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(
                    "The SQL Client did not finish "
                            + script.getFileName()
                            + " within "
                            + timeoutSeconds
                            + " s. Its output so far:\n"
                            + Files.readString(out, StandardCharsets.UTF_8)
                            + "\nLog: "
                            + log);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), log);
    }
}
