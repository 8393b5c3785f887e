package io.github.flinkkinesis.benchmarks;

import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.ServerKind;
import io.github.flinkkinesis.testing.front.FrontCounts;
import io.github.flinkkinesis.testing.front.QuotaFront;
import io.github.flinkkinesis.testing.front.QuotaFrontConfig;
import io.github.flinkkinesis.testing.front.ShardCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The benchmark against Kinesis' physical limits: every phase talks to kinesalite through the
 * {@link QuotaFront}, which enforces AWS's per-shard quotas (writes 1,000 records/s and 1 MiB/s,
 * reads 5 GetRecords calls/s and 2 MiB/s), so the figures are fractions of what a real shard
 * allows, measured in the same run.
 *
 * <p>Sink phases (a fresh 4-shard stream each, ~100-byte JSON rows, the sink's random partition
 * keys): our sink without and with KPL aggregation, and the official sink (4.3.0-1.19). Reported
 * per shard: rows/s, the records and user bytes the front accepted against its limits, the entries
 * it throttled, JVM CPU per row. Source phases (a 1-shard stream, filled directly on the server,
 * then read through the front by our bounded source): large plain records (~10 KB rows, so the byte
 * limit binds, not kinesalite's record rate) and aggregated ~100-byte rows. Reported: rows/s,
 * bytes/s against 2 MiB/s, GetRecords calls throttled and made beyond 5/s.
 *
 * <p>{@code benchmarks/run.sh --quota [rows]}: {@code rows} is the plain sink phases' row count
 * (default 120,000, ~30 s at 1,000 rows/s on each of 4 shards); the aggregation phase writes 8
 * times as many. The report goes to stdout and {@code benchmarks/target/runs/quota-<time>/}.
 */
public final class QuotaBench {

    private static final int SINK_SHARDS = 4;
    private static final String JOB_MAIN = "io.github.flinkkinesis.benchmarks.job.SqlJobMain";

    private final long rows;
    private final Path runDir;
    private final List<String> lines = new ArrayList<>();
    private LocalServer server;
    private QuotaFront front;
    private StreamAdmin admin;

    private QuotaBench(long rows, Path runDir) {
        this.rows = rows;
        this.runDir = runDir;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.cborEnabled", "false");
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 120_000;
        Path runDir =
                Paths.get(
                        "benchmarks/target/runs/quota-"
                                + LocalDateTime.now()
                                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir);
        new QuotaBench(rows, runDir).run();
    }

    private void run() throws Exception {
        QuotaFrontConfig limits = QuotaFrontConfig.aws();
        try (LocalServer kinesalite = LocalServer.start(ServerKind.KINESALITE);
                QuotaFront quota = QuotaFront.start(kinesalite.endpoint(), limits);
                StreamAdmin streams = new StreamAdmin(kinesalite.endpoint())) {
            server = kinesalite;
            front = quota;
            admin = streams;
            out("# Kinesis at its physical limits (quota front: " + limits + ")");
            out("");
            out("Sink: " + SINK_SHARDS + " shards, ~100-byte JSON rows, random partition keys.");
            out("");
            out(
                    "| phase | rows | rows/s per shard | records limit used | user bytes/s per shard"
                            + " (of 1 MiB/s) | entries throttled | JVM CPU µs/row | check |");
            out("|---|---|---|---|---|---|---|---|");
            sinkPhase("our sink", "ours", rows, Map.of());
            sinkPhase(
                    "our sink, aggregation",
                    "ours",
                    rows * 8,
                    Map.of("table.sink.aggregation.enabled", "true"));
            sinkPhase("official sink", "official", rows, Map.of());
            out("");
            out("Source (ours, polling, bounded): 1 shard, filled directly on the server.");
            out("");
            out(
                    "| phase | rows | rows/s | bytes/s (of 2 MiB/s) | GetRecords allowed / throttled"
                            + " / beyond 5 per s | JVM CPU µs/row | check |");
            out("|---|---|---|---|---|---|---|");
            // kinesalite answers GetRecords without AWS's 10 MB cap: the reads ask for about 10 MB
            sourcePhase("large plain records (~10 KB)", 6_000, 10_000, Map.of(), 1_000);
            sourcePhase(
                    "aggregated ~100-byte rows",
                    rows * 3,
                    20,
                    Map.of("table.sink.aggregation.enabled", "true"),
                    700);
        }
        Files.writeString(
                runDir.resolve("report.md"),
                String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
    }

    private void sinkPhase(String name, String flavour, long n, Map<String, String> extra)
            throws Exception {
        String stream = "quota-" + Harness.slug(name);
        admin.createStream(stream, SINK_SHARDS);
        FrontCounts before = front.counts();
        Sampler sampler = new Sampler(stream, ShardCounts::recordsAccepted);
        PhaseResult r;
        try {
            r = job(name, flavour, "sink", front.endpoint().toString(), stream, n, 20, extra);
        } finally {
            sampler.stop();
        }
        FrontCounts after = front.counts();
        long accepted = delta(before, after, stream, ShardCounts::recordsAccepted);
        long throttled = delta(before, after, stream, ShardCounts::recordsThrottled);
        long bytes = delta(before, after, stream, ShardCounts::bytesAccepted);
        // Kinesis records the front accepted per second while the sink wrote; rows and bytes per
        // record from the whole phase (1 row per record without aggregation)
        double recordsPerShard = sampler.ratePerSecond() / SINK_SHARDS;
        double rowsPerShard = recordsPerShard * r.rows / accepted;
        double bytesPerShard = recordsPerShard * bytes / accepted;
        String check;
        if (extra.isEmpty()) {
            StreamAdmin.Contents c = admin.readAll(stream, n);
            check =
                    c.distinctIds() == n
                            ? "all " + n + " ids stored (" + (c.records() - n) + " duplicates)"
                            : "MISMATCH: " + c.distinctIds() + " of " + n + " ids";
        } else {
            check = accepted + " Kinesis records for " + r.rows + " rows";
        }
        out(
                String.format(
                        Locale.ROOT,
                        "| %s | %,d | %,.0f | %.3f | %,.0f (%.3f) | %,d | %.1f | %s |",
                        name,
                        r.rows,
                        rowsPerShard,
                        recordsPerShard / front.config().writeRecordsPerSecond(),
                        bytesPerShard,
                        bytesPerShard / front.config().writeBytesPerSecond(),
                        throttled,
                        r.cpuMicrosPerRowSteady,
                        check));
        admin.deleteStream(stream);
    }

    private void sourcePhase(
            String name, long n, int nameLength, Map<String, String> fill, int recordsPerCall)
            throws Exception {
        String stream = "quota-src-" + Harness.slug(name);
        admin.createStream(stream, 1);
        // filled on the server directly, as fast as it goes: only the read is metered
        job(
                name + " (fill)",
                "ours",
                "sink",
                server.endpoint().toString(),
                stream,
                n,
                nameLength,
                fill);
        FrontCounts before = front.counts();
        Sampler sampler = new Sampler(stream, ShardCounts::bytesRead);
        PhaseResult r;
        try {
            r =
                    job(
                            name,
                            "ours",
                            "source",
                            front.endpoint().toString(),
                            stream,
                            n,
                            nameLength,
                            Map.of(
                                    "table.source.shard.get-records.max-record-count",
                                    Integer.toString(recordsPerCall)));
        } finally {
            sampler.stop();
        }
        FrontCounts after = front.counts();
        long bytes = delta(before, after, stream, ShardCounts::bytesRead);
        // bytes the front served per second while the source read
        double bytesPerSecond = sampler.ratePerSecond();
        double rowsPerSecond = bytesPerSecond * r.rows / bytes;
        out(
                String.format(
                        Locale.ROOT,
                        "| %s | %,d | %,.0f | %,.0f (%.3f) | %,d / %,d / %,d | %.1f | %s |",
                        name,
                        r.rows,
                        rowsPerSecond,
                        bytesPerSecond,
                        bytesPerSecond / front.config().readBytesPerSecond(),
                        delta(before, after, stream, ShardCounts::getRecordsAllowed),
                        delta(before, after, stream, ShardCounts::getRecordsThrottled),
                        delta(before, after, stream, ShardCounts::getRecordsViolations),
                        r.cpuMicrosPerRowSteady,
                        r.distinctIds == n
                                ? "read all " + n + " ids"
                                : "MISMATCH: " + r.distinctIds + " of " + n + " ids"));
        admin.deleteStream(stream);
    }

    private PhaseResult job(
            String name,
            String flavour,
            String mode,
            String endpoint,
            String stream,
            long n,
            int nameLength,
            Map<String, String> extra)
            throws Exception {
        Path marks = runDir.resolve(Harness.slug(name) + ".properties");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "flavour=" + flavour,
                                "mode=" + mode,
                                "endpoint=" + endpoint,
                                "stream=" + stream,
                                "rows=" + n,
                                "serverPid=" + server.pid(),
                                "parallelism=1",
                                "metadata=false",
                                "bounded=" + mode.equals("source"),
                                "nameLength=" + nameLength,
                                "out=" + marks));
        extra.forEach((k, v) -> args.add(k + "=" + v));
        log("phase " + name + " ...");
        ChildJvm child =
                ChildJvm.start(
                        Harness.classPath(flavour),
                        JOB_MAIN,
                        args,
                        List.of(),
                        runDir.resolve(Harness.slug(name) + ".log"),
                        Harness.childLog4j(runDir));
        int exit = child.await(1800);
        if (!Files.exists(marks)) {
            throw new IllegalStateException(
                    name + ": exit code " + exit + ", no result\n" + child.logTail(20));
        }
        PhaseResult r = PhaseResult.from(name, marks, 0);
        log(
                String.format(
                        Locale.ROOT,
                        "  %s: %,.0f rows/s steady, %.1f µs CPU/row",
                        name,
                        r.steadyRowsPerSecond,
                        r.cpuMicrosPerRowSteady));
        return r;
    }

    /**
     * Samples one count of a stream every 50 ms while a phase runs: the rate is the count's growth
     * from the last sample before it grew to the first that saw its final value, i.e. while the
     * connector was moving data, without the JVM's start and the job's set-up and tear-down.
     */
    private final class Sampler {
        private final List<long[]> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(String stream, ToLongFunction<ShardCounts> count) {
            thread =
                    new Thread(
                            () -> {
                                while (running) {
                                    long value = front.counts().total(stream, count);
                                    synchronized (samples) {
                                        samples.add(new long[] {System.nanoTime(), value});
                                    }
                                    try {
                                        Thread.sleep(50);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            },
                            "quota-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        double ratePerSecond() {
            synchronized (samples) {
                long base = samples.get(0)[1];
                long last = samples.get(samples.size() - 1)[1];
                int from = 0;
                while (from < samples.size() - 1 && samples.get(from + 1)[1] == base) {
                    from++;
                }
                int to = from;
                while (to < samples.size() - 1 && samples.get(to)[1] < last) {
                    to++;
                }
                double seconds = (samples.get(to)[0] - samples.get(from)[0]) / 1e9;
                return seconds <= 0 ? Double.NaN : (last - base) / seconds;
            }
        }
    }

    private static long delta(
            FrontCounts before, FrontCounts after, String stream, ToLongFunction<ShardCounts> c) {
        return after.total(stream, c) - before.total(stream, c);
    }

    private void out(String line) {
        lines.add(line);
        System.out.println(line);
    }

    private static void log(String message) {
        System.err.println(
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME) + " " + message);
    }
}
