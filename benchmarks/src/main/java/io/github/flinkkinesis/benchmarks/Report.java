package io.github.flinkkinesis.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns one run's phase results into the Markdown report (absolute figures, the ratios the goals
 * are stated in, correctness checks, latency) and a properties file for tools.
 */
final class Report {

    private final HarnessOptions options;
    private final Instant started;
    private final Map<String, PhaseResult> results;
    private final Map<String, List<PhaseResult>> rounds;
    private final Map<String, String> failures;
    private final Map<String, String> checks;
    private final List<LatencyProbe.Result> latencies;
    private final Map<String, String> machine;
    private final Map<String, List<String>> threads;

    Report(
            HarnessOptions options,
            Instant started,
            Map<String, PhaseResult> results,
            Map<String, List<PhaseResult>> rounds,
            Map<String, String> failures,
            Map<String, String> checks,
            List<LatencyProbe.Result> latencies,
            Map<String, List<String>> threads,
            Map<String, String> machine) {
        this.threads = threads;
        this.options = options;
        this.started = started;
        this.results = results;
        this.rounds = rounds;
        this.failures = failures;
        this.checks = checks;
        this.latencies = latencies;
        this.machine = machine;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark run ").append(started).append("\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "kinesalite, %d-shard streams, %,d rows per phase, Flink parallelism %d,"
                                + " %d round(s) (figures are medians); machine: %s (%s CPUs), %s,"
                                + " %s\n\n",
                        Harness.SHARDS,
                        options.rows(),
                        options.parallelism(),
                        options.repeat(),
                        machine.get("cpu"),
                        machine.get("cpus"),
                        machine.get("java"),
                        machine.get("os")));
        if (!options.flinkConf().isEmpty()) {
            md.append("Extra Flink settings for every job: `")
                    .append(String.join("`, `", options.flinkConf()))
                    .append("`\n\n");
        }
        md.append("Command: `")
                .append(machine.get("command").trim())
                .append("`; code: `")
                .append(machine.get("commit"))
                .append("`; ")
                .append(machine.get("versions"))
                .append("\n\n");
        md.append("## Throughput and CPU per row\n\n");
        md.append(
                "| phase | rows/s steady (rounds' min-max) | rows/s end-to-end | JVM CPU µs/row steady"
                        + " | same without JIT | JVM CPU µs/row end-to-end"
                        + " | server CPU µs/row steady | server CPU µs/row end-to-end |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PhaseResult r : results.values()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,.0f%s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f |\n",
                            r.name,
                            r.steadyRowsPerSecond,
                            spread(r.name),
                            r.endToEndRowsPerSecond,
                            r.cpuMicrosPerRowSteady,
                            r.cpuMicrosPerRowSteadyWithoutJit,
                            r.cpuMicrosPerRowEndToEnd,
                            r.serverCpuMicrosPerRowSteady,
                            r.serverCpuMicrosPerRowEndToEnd));
        }
        md.append("\n## Ratios (the goals)\n\n");
        md.append(
                "| figure | steady | steady without JIT | end-to-end | goal |\n"
                        + "|---|---:|---:|---:|---|\n");
        throughputRatio(
                md, "our sink / raw PutRecords, rows/s", "our sink", "raw PutRecords", "≥ 0.95");
        throughputRatio(
                md,
                "our source / raw GetRecords, rows/s",
                "our source",
                "raw GetRecords",
                "≥ 0.95");
        throughputRatio(md, "our sink / official sink, rows/s", "our sink", "official sink", "");
        throughputRatio(
                md, "our source / official source, rows/s", "our source", "official source", "");
        cpuRatio(
                md,
                "our sink / official sink, Flink JVM CPU per row",
                "our sink",
                "official sink",
                "≤ 0.5");
        cpuRatio(
                md,
                "our source / official source, Flink JVM CPU per row",
                "our source",
                "official source",
                "≤ 0.5");
        cpuRatio(
                md,
                "our source with / without the 3 metadata columns, JVM CPU per row",
                "our source",
                "our source (no metadata columns)",
                "≤ 1.10 (JMH isolates this better)");
        if (!checks.isEmpty()) {
            md.append("\n## Checks (what the streams and jobs really held)\n\n");
            checks.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        if (!latencies.isEmpty()) {
            md.append("\n## Latency: PutRecords acknowledged → row out of the source\n\n");
            md.append("| source | rate rows/s | rows | p50 ms | p99 ms | max ms | missing |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (LatencyProbe.Result l : latencies) {
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %d | %d | %.0f | %.0f | %.0f | %d |\n",
                                l.name(),
                                l.rate(),
                                l.rows(),
                                l.p50(),
                                l.p99(),
                                l.max(),
                                l.missing()));
            }
        }
        if (!threads.isEmpty()) {
            md.append("\n## Steady-state CPU by thread (ms, top 6)\n\n");
            for (Map.Entry<String, List<String>> e : threads.entrySet()) {
                StringBuilder line = new StringBuilder();
                for (String t : e.getValue().subList(0, Math.min(6, e.getValue().size()))) {
                    String[] nameMs = t.split("\t");
                    line.append(line.length() == 0 ? "" : ", ")
                            .append(nameMs[0].trim())
                            .append(" ")
                            .append(nameMs.length > 1 ? nameMs[1] : "?");
                }
                md.append("- ").append(e.getKey()).append(": ").append(line).append('\n');
            }
        }
        if (!failures.isEmpty()) {
            md.append("\n## Failed phases\n\n");
            failures.forEach(
                    (k, v) ->
                            md.append("### ")
                                    .append(k)
                                    .append("\n\n```\n")
                                    .append(v)
                                    .append("\n```\n"));
        }
        return md.toString();
    }

    /** " (min-max)" of the steady rows/s over the rounds, or nothing for a single round. */
    private String spread(String phase) {
        List<PhaseResult> all = rounds.get(phase);
        if (all == null || all.size() < 2) {
            return "";
        }
        double min = all.stream().mapToDouble(r -> r.steadyRowsPerSecond).min().orElse(0);
        double max = all.stream().mapToDouble(r -> r.steadyRowsPerSecond).max().orElse(0);
        return String.format(Locale.ROOT, " (%,.0f-%,.0f)", min, max);
    }

    private void throughputRatio(StringBuilder md, String label, String a, String b, String goal) {
        PhaseResult x = results.get(a);
        PhaseResult y = results.get(b);
        if (x == null || y == null) {
            return;
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %.2f | | %.2f | %s |\n",
                        label,
                        x.steadyRowsPerSecond / y.steadyRowsPerSecond,
                        x.endToEndRowsPerSecond / y.endToEndRowsPerSecond,
                        goal));
    }

    private void cpuRatio(StringBuilder md, String label, String a, String b, String goal) {
        PhaseResult x = results.get(a);
        PhaseResult y = results.get(b);
        if (x == null || y == null) {
            return;
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %.2f | %.2f | %.2f | %s |\n",
                        label,
                        x.cpuMicrosPerRowSteady / y.cpuMicrosPerRowSteady,
                        x.cpuMicrosPerRowSteadyWithoutJit / y.cpuMicrosPerRowSteadyWithoutJit,
                        x.cpuMicrosPerRowEndToEnd / y.cpuMicrosPerRowEndToEnd,
                        goal));
    }

    void writeProperties(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("rows", Long.toString(options.rows()));
        p.setProperty("parallelism", Integer.toString(options.parallelism()));
        for (PhaseResult r : results.values()) {
            String k = Harness.slug(r.name) + ".";
            p.setProperty(k + "rows", Long.toString(r.rows));
            p.setProperty(k + "distinct.ids", Long.toString(r.distinctIds));
            p.setProperty(k + "rows.per.s.steady", fmt(r.steadyRowsPerSecond));
            p.setProperty(k + "rows.per.s.e2e", fmt(r.endToEndRowsPerSecond));
            p.setProperty(k + "cpu.us.per.row.steady", fmt(r.cpuMicrosPerRowSteady));
            p.setProperty(k + "cpu.us.per.row.e2e", fmt(r.cpuMicrosPerRowEndToEnd));
            p.setProperty(
                    k + "cpu.us.per.row.steady.without.jit",
                    fmt(r.cpuMicrosPerRowSteadyWithoutJit));
            p.setProperty(k + "server.cpu.us.per.row.steady", fmt(r.serverCpuMicrosPerRowSteady));
            p.setProperty(k + "server.cpu.us.per.row.e2e", fmt(r.serverCpuMicrosPerRowEndToEnd));
        }
        for (LatencyProbe.Result l : latencies) {
            String k = Harness.slug(l.name()) + ".";
            p.setProperty(k + "p50.ms", fmt(l.p50()));
            p.setProperty(k + "p99.ms", fmt(l.p99()));
            p.setProperty(k + "missing", Long.toString(l.missing()));
        }
        failures.forEach((k, v) -> p.setProperty(Harness.slug(k) + ".failed", v));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "benchmark run " + started);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
