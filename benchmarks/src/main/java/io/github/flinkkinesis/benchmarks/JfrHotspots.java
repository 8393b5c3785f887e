package io.github.flinkkinesis.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a Java Flight Recording of a measured JVM over its steady-state window: the hottest
 * methods (self time), time by package (self), and sampled threads. This is how the report says
 * where the time goes (JFR samples Java code only: GC and JIT threads show up in the per-thread CPU
 * table instead).
 *
 * <p>Usage: {@code JfrHotspots FILE.jfr [FROM_EPOCH_MS TO_EPOCH_MS] [TOP]}.
 */
public final class JfrHotspots {

    private JfrHotspots() {}

    public static void main(String[] args) throws IOException {
        long from = args.length > 2 ? Long.parseLong(args[1]) : Long.MIN_VALUE;
        long to = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        int top = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        System.out.println(summarize(Path.of(args[0]), from, to, top));
    }

    static String summarize(Path jfr, long fromMillis, long toMillis, int top) throws IOException {
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            Instant t = e.getStartTime();
            if (t.toEpochMilli() < fromMillis || t.toEpochMilli() > toMillis) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            RecordedFrame frame = stack.getFrames().get(0);
            String type = frame.getMethod().getType().getName();
            methods.merge(type + "." + frame.getMethod().getName(), 1, Integer::sum);
            packages.merge(packageOf(type), 1, Integer::sum);
            String thread =
                    e.getThread("sampledThread") == null
                            ? "?"
                            : e.getThread("sampledThread").getJavaName();
            threads.merge(
                    thread == null ? "?" : thread.replaceAll("[#-]?[0-9]+$", ""), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(samples).append(" execution samples in the steady-state window\n");
        append(sb, "hottest methods (self)", methods, samples, top);
        append(sb, "by package (self)", packages, samples, 15);
        append(sb, "by thread", threads, samples, 12);
        return sb.toString();
    }

    /** The first three package levels, enough to tell Flink, the SDK, Netty, Jackson apart. */
    static String packageOf(String className) {
        String[] parts = className.split("\\.");
        int n = Math.min(parts.length - 1, 4);
        return n <= 0 ? className : String.join(".", java.util.Arrays.copyOf(parts, n));
    }

    private static void append(
            StringBuilder sb, String title, Map<String, Integer> counts, int total, int top) {
        sb.append("\n").append(title).append(":\n");
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        for (int i = 0; i < Math.min(top, sorted.size()); i++) {
            Map.Entry<String, Integer> e = sorted.get(i);
            sb.append(
                    String.format(
                            "  %5.1f%%  %s%n",
                            100.0 * e.getValue() / Math.max(1, total), e.getKey()));
        }
    }
}
