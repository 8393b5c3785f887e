package io.github.flinkkinesis.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * End-to-end latency of a streaming source: puts rows at a fixed rate (one PutRecords every 10 ms)
 * and measures, per row, the time from the PutRecords acknowledgement to the row passing the job's
 * tap right after the source. Both timestamps are {@link System#nanoTime()}, which on Linux is one
 * clock for all processes of the machine.
 *
 * <p>Before measuring it puts warm-up rows (negative ids) until the job shows that rows flow, so
 * job start-up is not counted.
 */
final class LatencyProbe {

    private static final long TICK_NANOS = 10_000_000L;

    private final KinesisClient kinesis;
    private final String stream;
    private final int rate;

    LatencyProbe(KinesisClient kinesis, String stream, int rate) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.rate = rate;
    }

    /** Percentiles of one latency run, in milliseconds. */
    record Result(
            String name, int rate, long rows, long missing, double p50, double p99, double max) {
        String summary() {
            return String.format(
                    "%d rows at %d rows/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms, %d missing",
                    rows, rate, p50, p99, max, missing);
        }
    }

    Result run(String name, ChildJvm job, long rows, Path marks) throws Exception {
        BenchRows gen = new BenchRows(7);
        long warmupId = 0;
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!job.printed("first-row")) {
            if (!job.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the job never read a row (alive: " + job.isAlive() + ")");
            }
            put(gen, List.of(--warmupId));
            Thread.sleep(200);
        }
        long[] ackNanos = new long[(int) rows];
        int perTick = rate / 100;
        long start = System.nanoTime();
        long nextId = 1;
        for (long tick = 0; nextId <= rows; tick++) {
            long due = start + tick * TICK_NANOS;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            }
            List<Long> ids = new ArrayList<>(perTick);
            for (int i = 0; i < perTick && nextId <= rows; i++) {
                ids.add(nextId++);
            }
            long acked = put(gen, ids);
            for (long id : ids) {
                ackNanos[(int) (id - 1)] = acked;
            }
        }
        int exit = job.await(300);
        Path arrivalsFile = marks.resolveSibling(marks.getFileName() + ".arrivals");
        if (exit != 0 || !Files.exists(arrivalsFile)) {
            throw new IllegalStateException(
                    "the latency job failed (exit " + exit + "): " + job.logTail(10));
        }
        long[] arrivals = readArrivals(arrivalsFile, (int) rows);
        double[] latMs = new double[(int) rows];
        int n = 0;
        long missing = 0;
        for (int i = 0; i < rows; i++) {
            if (arrivals[i] == 0) {
                missing++;
            } else {
                latMs[n++] = (arrivals[i] - ackNanos[i]) / 1e6;
            }
        }
        double[] sorted = Arrays.copyOf(latMs, n);
        Arrays.sort(sorted);
        return new Result(
                name,
                rate,
                rows,
                missing,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                n == 0 ? Double.NaN : sorted[n - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private long put(BenchRows gen, List<Long> ids) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(ids.size());
        for (long id : ids) {
            entries.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey(gen.partitionKey())
                            .data(SdkBytes.fromByteArrayUnsafe(gen.row(id)))
                            .build());
        }
        PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(stream).records(entries));
        long acked = System.nanoTime();
        if (r.failedRecordCount() != null && r.failedRecordCount() > 0) {
            throw new IllegalStateException(
                    r.failedRecordCount() + " records of a latency PutRecords failed");
        }
        return acked;
    }

    private static long[] readArrivals(Path file, int rows) throws IOException {
        List<String> lines = Files.readAllLines(file);
        long[] a = new long[rows];
        for (int i = 0; i < rows && i < lines.size(); i++) {
            a[i] = Long.parseLong(lines.get(i).trim());
        }
        return a;
    }
}
