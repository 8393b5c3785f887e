package io.github.flinkkinesis.benchmarks.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Reads the CPU time (user + system) a process has used so far from {@code /proc/PID/stat}.
 *
 * <p>Every measured system runs in its own process, so its CPU time at a phase boundary minus the
 * CPU time at the previous boundary is exactly what that system spent in the phase, whatever its
 * thread structure (JIT, GC, Netty and Flink threads included).
 */
public final class ProcCpu {

    /** Clock ticks per second of utime/stime: USER_HZ, 100 on every mainstream Linux kernel. */
    private static final long TICKS_PER_SECOND = Long.getLong("bench.clk.tck", 100L);

    private ProcCpu() {}

    /** CPU nanoseconds used by this JVM so far. */
    public static long self() {
        return ofPid(ProcessHandle.current().pid());
    }

    /** CPU nanoseconds used so far by process {@code pid}, or -1 if it cannot be read. */
    public static long ofPid(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat =
                    new String(
                            Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")),
                            StandardCharsets.US_ASCII);
            // the command name (field 2) is in parentheses and may contain spaces: parse after it
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the name: state is f[0], so utime (field 14) is f[11] and stime (15) is f[12]
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
