package io.github.flinkkinesis.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One measured system in its own JVM, so its CPU time is its own. Every child gets the same JVM
 * flags (heap, GC, CBOR off for both SDK generations, quiet logging); its output goes to a log file
 * in the run folder, where the harness also looks for {@code BENCH ...} progress lines.
 */
public final class ChildJvm {

    /** Heap and GC of every measured JVM: equal for ours and the official connector. */
    static final List<String> JVM_FLAGS =
            List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-XX:+UseCompressedOops");

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code classPath}; output goes to {@code log}. */
    public static ChildJvm start(
            String classPath,
            String mainClass,
            List<String> args,
            List<String> extraJvmFlags,
            Path log,
            Path log4jConfig)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(extraJvmFlags);
        // SDK v2 (ours and the official sink) reads aws.cborEnabled; the official connector's
        // relocated SDK v1 reads its own relocated property and the AWS_CBOR_DISABLE variable
        cmd.add("-Daws.cborEnabled=false");
        cmd.add("-Dorg.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor=true");
        cmd.add("-Dcom.amazonaws.sdk.disableCbor=true");
        cmd.add("-Dlog4j.configurationFile=" + log4jConfig.toAbsolutePath());
        cmd.add("-Dlog4j2.configurationFile=" + log4jConfig.toAbsolutePath());
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AWS_CBOR_DISABLE", "true");
        pb.environment().put("CBOR_ENABLED", "false");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return new ChildJvm(pb.start(), log);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the child to exit; kills it after {@code timeoutSeconds}. */
    public int await(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "child JVM did not finish within " + timeoutSeconds + " s; see " + log);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once the child printed a line starting with {@code BENCH marker}. */
    public boolean printed(String marker) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains("BENCH " + marker);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    public void kill() {
        process.destroyForcibly();
    }

    /** The last lines of the child's output, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    public Path log() {
        return log;
    }
}
