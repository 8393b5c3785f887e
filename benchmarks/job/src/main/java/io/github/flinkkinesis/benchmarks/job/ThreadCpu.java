package io.github.flinkkinesis.benchmarks.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Splits a JVM's steady-state CPU time by thread: writes {@code OUT.threads} (name, ms, largest
 * first) and records the JIT compiler's and the garbage collector's share in the result, so the
 * report can show the work per row with and without the JIT's one-time cost.
 */
public final class ThreadCpu {

    public static final String JIT_CPU = "jit.cpu.nanos";
    public static final String GC_CPU = "gc.cpu.nanos";

    private ThreadCpu() {}

    public static void writeDelta(
            Path out, Map<String, Long> first, Map<String, Long> last, Properties result)
            throws IOException {
        List<Map.Entry<String, Long>> delta = new ArrayList<>();
        long jit = 0;
        long gc = 0;
        for (Map.Entry<String, Long> e : last.entrySet()) {
            long d = e.getValue() - first.getOrDefault(e.getKey(), 0L);
            if (d <= 0) {
                continue;
            }
            delta.add(Map.entry(e.getKey(), d));
            // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1", "GC Thread#0", ...
            if (e.getKey().startsWith("C1 Compiler") || e.getKey().startsWith("C2 Compiler")) {
                jit += d;
            } else if (e.getKey().startsWith("GC Thread")
                    || e.getKey().startsWith("VM Thread")
                    || e.getKey().startsWith("ParGC")) {
                gc += d;
            }
        }
        delta.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : delta) {
            sb.append(e.getKey()).append('\t').append(e.getValue() / 1_000_000L).append('\n');
        }
        Files.writeString(out.resolveSibling(out.getFileName() + ".threads"), sb.toString());
        result.setProperty(JIT_CPU, Long.toString(jit));
        result.setProperty(GC_CPU, Long.toString(gc));
    }
}
