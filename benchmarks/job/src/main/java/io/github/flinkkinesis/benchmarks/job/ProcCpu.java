package io.github.flinkkinesis.benchmarks.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /**
     * CPU nanoseconds used so far by each thread of this JVM, summed by thread name (from {@code
     * /proc/self/task/TID/comm}; numbered pools such as GC threads are folded together).
     */
    public static Map<String, Long> threadsOfSelf() {
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Paths.get("/proc/self/task"))) {
            tasks.forEach(
                    task -> {
                        try {
                            String name =
                                    new String(
                                                    Files.readAllBytes(task.resolve("comm")),
                                                    StandardCharsets.UTF_8)
                                            .trim()
                                            .replaceAll("[#-]?[0-9]+$", "");
                            long cpu = parse(Files.readAllBytes(task.resolve("stat")));
                            byName.merge(name, cpu, Long::sum);
                        } catch (IOException | RuntimeException threadEnded) {
                            // the thread ended while we looked: its time is gone with it
                        }
                    });
        } catch (IOException e) {
            return byName;
        }
        return byName;
    }

    /**
     * utime + stime of a {@code stat} line. The command name (field 2) is in parentheses and may
     * contain spaces, so fields are counted after it: state is then f[0], utime (field 14) f[11],
     * stime (field 15) f[12].
     */
    static long parse(byte[] statBytes) {
        String stat = new String(statBytes, StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** CPU nanoseconds used so far by process {@code pid}, or -1 if it cannot be read. */
    public static long ofPid(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            return parse(Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
