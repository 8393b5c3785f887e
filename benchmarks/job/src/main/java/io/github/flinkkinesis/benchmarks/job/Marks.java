package io.github.flinkkinesis.benchmarks.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The result file a measured child JVM writes for the harness: timestamps ({@link
 * System#nanoTime()}, comparable across processes on one Linux machine), CPU readings of the child
 * and of the server, and row counts, as a properties file with the keys below.
 */
public final class Marks {

    public static final String ROWS = "rows";
    public static final String DISTINCT_IDS = "distinct.ids";
    public static final String BYTES = "bytes";

    /** Wall clock (epoch ms) when the JVM started: the beginning of the end-to-end figure. */
    public static final String JVM_START_MILLIS = "jvm.start.millis";

    public static final String END_MILLIS = "end.millis";

    /** Steady state starts when the first row passes (nanoTime) ... */
    public static final String FIRST_NANOS = "first.nanos";

    /** ... and ends at the N-th row of a source, or when a sink's job has flushed everything. */
    public static final String LAST_NANOS = "last.nanos";

    /** Rows that had passed when FIRST_NANOS was taken (1 for a tap, a whole batch for raw). */
    public static final String ROWS_AT_FIRST = "rows.at.first";

    public static final String CPU_FIRST = "cpu.first.nanos";
    public static final String CPU_LAST = "cpu.last.nanos";
    public static final String CPU_END = "cpu.end.nanos";
    public static final String SERVER_CPU_FIRST = "server.cpu.first.nanos";
    public static final String SERVER_CPU_LAST = "server.cpu.last.nanos";

    /** Wall clock (epoch ms) of FIRST_NANOS and LAST_NANOS, to cut profiles to steady state. */
    public static final String FIRST_MILLIS = "first.millis";

    public static final String LAST_MILLIS = "last.millis";
    public static final String ERROR = "error";

    private Marks() {}

    /** Writes {@code p} atomically, so the harness never reads half a file. */
    public static void write(Properties p, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "benchmark phase result");
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
