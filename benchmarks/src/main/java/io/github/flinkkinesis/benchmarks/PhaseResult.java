package io.github.flinkkinesis.benchmarks;

import io.github.flinkkinesis.benchmarks.job.Marks;
import io.github.flinkkinesis.benchmarks.job.ThreadCpu;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one measured phase, derived from the child's {@link Marks} file and the server CPU
 * the harness read around the child's whole life.
 *
 * <p>Steady state runs from the row at 20% of N (after JVM warm-up) to the N-th row (a source) or
 * to the flushed end of the job (a sink); end-to-end runs from the child JVM's start to the end of
 * its work, so it includes JVM start-up, planning and job deployment.
 */
public final class PhaseResult {

    final String name;
    final long rows;
    final long distinctIds;
    final double steadyRowsPerSecond;
    final double endToEndRowsPerSecond;

    /** CPU µs per row of the measured JVM, steady state. */
    final double cpuMicrosPerRowSteady;

    /** CPU µs per row of the measured JVM, everything it did from start to end. */
    final double cpuMicrosPerRowEndToEnd;

    /** The same without the JIT compiler threads (a one-time warm-up cost of a fresh JVM). */
    final double cpuMicrosPerRowSteadyWithoutJit;

    final double serverCpuMicrosPerRowSteady;
    final double serverCpuMicrosPerRowEndToEnd;
    final double bytesPerRow;

    private PhaseResult(
            String name,
            long rows,
            long distinctIds,
            double steadyRowsPerSecond,
            double endToEndRowsPerSecond,
            double cpuSteady,
            double cpuEndToEnd,
            double cpuSteadyWithoutJit,
            double serverSteady,
            double serverEndToEnd,
            double bytesPerRow) {
        this.name = name;
        this.rows = rows;
        this.distinctIds = distinctIds;
        this.steadyRowsPerSecond = steadyRowsPerSecond;
        this.endToEndRowsPerSecond = endToEndRowsPerSecond;
        this.cpuMicrosPerRowSteady = cpuSteady;
        this.cpuMicrosPerRowEndToEnd = cpuEndToEnd;
        this.cpuMicrosPerRowSteadyWithoutJit = cpuSteadyWithoutJit;
        this.serverCpuMicrosPerRowSteady = serverSteady;
        this.serverCpuMicrosPerRowEndToEnd = serverEndToEnd;
        this.bytesPerRow = bytesPerRow;
    }

    /** Reads a child's marks; {@code serverCpuAround} is server CPU ns over the child's life. */
    static PhaseResult from(String name, Path marksFile, long serverCpuAround) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(marksFile)) {
            p.load(in);
        }
        if (p.getProperty(Marks.ERROR) != null) {
            throw new IllegalStateException(name + " failed: " + p.getProperty(Marks.ERROR));
        }
        return compute(name, p, serverCpuAround);
    }

    static PhaseResult compute(String name, Properties p, long serverCpuAround) {
        long rows = num(p, Marks.ROWS);
        long steadyRows = rows - num(p, Marks.ROWS_AT_FIRST);
        double steadySeconds = (num(p, Marks.LAST_NANOS) - num(p, Marks.FIRST_NANOS)) / 1e9;
        double e2eSeconds = (num(p, Marks.END_MILLIS) - num(p, Marks.JVM_START_MILLIS)) / 1e3;
        double cpuSteady = (num(p, Marks.CPU_LAST) - num(p, Marks.CPU_FIRST)) / 1e3 / steadyRows;
        double cpuE2e = num(p, Marks.CPU_END) / 1e3 / rows;
        double jit = Long.parseLong(p.getProperty(ThreadCpu.JIT_CPU, "0"));
        double cpuSteadyWithoutJit =
                (num(p, Marks.CPU_LAST) - num(p, Marks.CPU_FIRST) - jit) / 1e3 / steadyRows;
        double serverSteady =
                (num(p, Marks.SERVER_CPU_LAST) - num(p, Marks.SERVER_CPU_FIRST)) / 1e3 / steadyRows;
        double serverE2e = serverCpuAround / 1e3 / rows;
        long bytes = Long.parseLong(p.getProperty(Marks.BYTES, "0"));
        return new PhaseResult(
                name,
                rows,
                Long.parseLong(p.getProperty(Marks.DISTINCT_IDS, "-1")),
                steadyRows / steadySeconds,
                rows / e2eSeconds,
                cpuSteady,
                cpuE2e,
                cpuSteadyWithoutJit,
                serverSteady,
                serverE2e,
                bytes == 0 ? Double.NaN : (double) bytes / rows);
    }

    /** Each figure's median over the rounds of one phase (rows and ids: the smallest seen). */
    static PhaseResult median(String name, List<PhaseResult> rounds) {
        if (rounds.size() == 1) {
            return rounds.get(0);
        }
        return new PhaseResult(
                name,
                rounds.stream().mapToLong(r -> r.rows).min().orElse(0),
                rounds.stream().mapToLong(r -> r.distinctIds).min().orElse(0),
                median(rounds, r -> r.steadyRowsPerSecond),
                median(rounds, r -> r.endToEndRowsPerSecond),
                median(rounds, r -> r.cpuMicrosPerRowSteady),
                median(rounds, r -> r.cpuMicrosPerRowEndToEnd),
                median(rounds, r -> r.cpuMicrosPerRowSteadyWithoutJit),
                median(rounds, r -> r.serverCpuMicrosPerRowSteady),
                median(rounds, r -> r.serverCpuMicrosPerRowEndToEnd),
                median(rounds, r -> r.bytesPerRow));
    }

    static double median(List<PhaseResult> rounds, ToDoubleFunction<PhaseResult> figure) {
        double[] v = rounds.stream().mapToDouble(figure).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static long num(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("result has no " + key);
        }
        return Long.parseLong(v.trim());
    }
}
