package io.github.flinkkinesis.benchmarks;

import io.github.flinkkinesis.benchmarks.job.Marks;
import io.github.flinkkinesis.benchmarks.job.ProcCpu;
import io.github.flinkkinesis.benchmarks.job.RowTap;
import io.github.flinkkinesis.benchmarks.job.ThreadCpu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The raw SDK ceiling, run as its own child JVM: one thread, a plain loop of PutRecords (500
 * records per call) or GetRecords (limit 10,000, round robin over the shards, no pauses). This is
 * what the server can serve to the simplest possible client; the connectors are measured against
 * it.
 *
 * <p>Arguments: {@code put|get ENDPOINT STREAM ROWS SERVER_PID OUT_FILE}. Writes {@link Marks}.
 */
public final class RawCeiling {

    private static final int PUT_BATCH = 500;
    private static final int GET_LIMIT = 10_000;

    private static Path out;

    private RawCeiling() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI endpoint = URI.create(args[1]);
        String stream = args[2];
        long rows = Long.parseLong(args[3]);
        long serverPid = Long.parseLong(args[4]);
        out = Paths.get(args[5]);
        Properties p = new Properties();
        p.setProperty(
                Marks.JVM_START_MILLIS,
                Long.toString(ManagementFactory.getRuntimeMXBean().getStartTime()));
        try (KinesisClient kinesis = StreamAdmin.client(endpoint)) {
            if (mode.equals("put")) {
                put(kinesis, stream, rows, serverPid, p);
            } else if (mode.equals("get")) {
                get(kinesis, stream, rows, serverPid, p);
            } else {
                throw new IllegalArgumentException("mode must be put or get: " + mode);
            }
        } catch (RuntimeException e) {
            p.setProperty(Marks.ERROR, e.toString());
            Marks.write(p, out);
            throw e;
        }
        p.setProperty(Marks.END_MILLIS, Long.toString(System.currentTimeMillis()));
        p.setProperty(Marks.CPU_END, Long.toString(ProcCpu.self()));
        Marks.write(p, out);
    }

    private static void put(
            KinesisClient kinesis, String stream, long rows, long serverPid, Properties p)
            throws IOException {
        BenchRows gen = new BenchRows(42);
        long bytes = 0;
        long acked = 0;
        long nextId = 1;
        List<PutRecordsRequestEntry> pending = new ArrayList<>(PUT_BATCH);
        while (acked < rows) {
            while (pending.size() < PUT_BATCH && nextId <= rows) {
                byte[] data = gen.row(nextId++);
                bytes += data.length;
                pending.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey(gen.partitionKey())
                                .data(SdkBytes.fromByteArrayUnsafe(data))
                                .build());
            }
            List<PutRecordsRequestEntry> batch = pending;
            PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(stream).records(batch));
            pending = new ArrayList<>(PUT_BATCH);
            int failed = 0;
            List<PutRecordsResultEntry> results = r.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    pending.add(batch.get(i)); // retried in the next call
                    failed++;
                }
            }
            long before = acked;
            acked += batch.size() - failed;
            if (before < steadyFrom(rows) && acked >= steadyFrom(rows)) {
                mark(p, "first", acked, serverPid);
            }
        }
        mark(p, "last", acked, serverPid);
        p.setProperty(Marks.ROWS, Long.toString(acked));
        p.setProperty(Marks.DISTINCT_IDS, Long.toString(acked));
        p.setProperty(Marks.BYTES, Long.toString(bytes));
    }

    private static void get(
            KinesisClient kinesis, String stream, long rows, long serverPid, Properties p)
            throws IOException {
        List<String> iterators = new ArrayList<>();
        for (String shard : new StreamAdmin.ShardLister(kinesis).shardIds(stream)) {
            iterators.add(
                    kinesis.getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shard)
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator());
        }
        long read = 0;
        long bytes = 0;
        long idleSince = System.nanoTime();
        while (read < rows) {
            boolean any = false;
            for (int s = 0; s < iterators.size() && read < rows; s++) {
                String it = iterators.get(s);
                if (it == null) {
                    continue;
                }
                GetRecordsResponse r =
                        kinesis.getRecords(b -> b.shardIterator(it).limit(GET_LIMIT));
                iterators.set(s, r.nextShardIterator());
                int n = r.records().size();
                if (n > 0) {
                    any = true;
                    for (var rec : r.records()) {
                        bytes += rec.data().asByteArrayUnsafe().length;
                    }
                    long before = read;
                    read += n;
                    if (before < steadyFrom(rows) && read >= steadyFrom(rows)) {
                        mark(p, "first", read, serverPid);
                    }
                }
            }
            if (any) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > 30_000_000_000L) {
                throw new IllegalStateException(
                        "stream " + stream + " holds only " + read + " of " + rows + " records");
            }
        }
        mark(p, "last", read, serverPid);
        p.setProperty(Marks.ROWS, Long.toString(read));
        p.setProperty(Marks.DISTINCT_IDS, Long.toString(read));
        p.setProperty(Marks.BYTES, Long.toString(bytes));
    }

    /** Same warm-up exclusion as the SQL jobs' tap. */
    private static long steadyFrom(long rows) {
        return Math.max(1, (long) (rows * RowTap.STEADY_FROM_FRACTION));
    }

    private static Map<String, Long> threadsFirst = Map.of();

    private static void mark(Properties p, String which, long rowsSoFar, long serverPid)
            throws IOException {
        long now = System.nanoTime();
        long cpu = ProcCpu.self();
        long serverCpu = ProcCpu.ofPid(serverPid);
        String millis = Long.toString(System.currentTimeMillis());
        if (which.equals("first")) {
            p.setProperty(Marks.FIRST_MILLIS, millis);
            p.setProperty(Marks.FIRST_NANOS, Long.toString(now));
            p.setProperty(Marks.ROWS_AT_FIRST, Long.toString(rowsSoFar));
            p.setProperty(Marks.CPU_FIRST, Long.toString(cpu));
            p.setProperty(Marks.SERVER_CPU_FIRST, Long.toString(serverCpu));
            threadsFirst = ProcCpu.threadsOfSelf();
        } else {
            p.setProperty(Marks.LAST_MILLIS, millis);
            p.setProperty(Marks.LAST_NANOS, Long.toString(now));
            p.setProperty(Marks.CPU_LAST, Long.toString(cpu));
            p.setProperty(Marks.SERVER_CPU_LAST, Long.toString(serverCpu));
            ThreadCpu.writeDelta(out, threadsFirst, ProcCpu.threadsOfSelf(), p);
        }
    }
}
