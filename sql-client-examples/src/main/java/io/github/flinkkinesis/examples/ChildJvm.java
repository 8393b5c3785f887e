package io.github.flinkkinesis.examples;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Flink process (the SQL Gateway, a session cluster) started as a child JVM with this JVM's class
 * path, the way {@code bin/} starts one with {@code lib/}: Flink and its formats only. The class
 * path never carries this project's SQL jars (the Maven builds keep them off it) nor a JDBC driver
 * bundle, which belongs to the client side.
 */
final class ChildJvm {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private static final String HOW_TO_FIX =
            "Its class path is this JVM's: build the module first ('mvn -B -DskipTests -pl"
                    + " sql-client-examples -am install'), and give each JVM 1 GB of free memory;"
                    + " the log below says what stopped it.";

    private ChildJvm() {}

    /**
     * Starts {@code mainClass} with {@code args}, logging to {@code log} with the Flink
     * configuration folder {@code confDir} ({@code FLINK_CONF_DIR}, whose {@code log4j.properties}
     * writes to that file).
     */
    static Process start(
            String mainClass, List<String> args, Path confDir, Path log, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        // kinesalite and moto need JSON, not CBOR (read when an SDK client is built)
        cmd.add("-Daws.cborEnabled=false");
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        cmd.add("-Dlog.file=" + log);
        cmd.add("-cp");
        cmd.add(flinkClassPath());
        cmd.add(mainClass);
        cmd.addAll(args);
        Path out = Path.of(log + ".out");
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile());
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        pb.environment().put("CBOR_ENABLED", "false");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** This JVM's class path without test classes and without a JDBC driver bundle. */
    static String flinkClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .filter(entry -> !Path.of(entry).getFileName().toString().contains("jdbc-driver"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Waits until {@code url} answers HTTP 200, failing fast with the tail of {@code log} if the
     * process ends first or does not answer in time.
     */
    static void awaitHttpOk(Process process, URI url, String what, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        what
                                + " exited with code "
                                + process.exitValue()
                                + " before answering on "
                                + url
                                + ". "
                                + HOW_TO_FIX
                                + " Its output:\n"
                                + tail(log));
            }
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(
                what
                        + " did not answer on "
                        + url
                        + " within "
                        + STARTUP_TIMEOUT.toSeconds()
                        + " s. "
                        + HOW_TO_FIX
                        + " Its output:\n"
                        + tail(log));
    }

    /** The last lines a child wrote to its log and to stdout/stderr. */
    static String tail(Path log) {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(log, Path.of(log + ".out"))) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                text.append("== ").append(file).append('\n');
                text.append(
                        String.join(
                                "\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
                text.append('\n');
            } catch (IOException e) {
                text.append("(").append(file).append(" unreadable: ").append(e.getMessage());
                text.append(")\n");
            }
        }
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
