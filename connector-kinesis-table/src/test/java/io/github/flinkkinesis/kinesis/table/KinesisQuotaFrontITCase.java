package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.testutil.TestTables.boundedRead;
import static io.github.flinkkinesis.kinesis.testutil.TestTables.collect;
import static io.github.flinkkinesis.kinesis.testutil.TestTables.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestStreams.ShardRecord;
import io.github.flinkkinesis.testing.front.FaultCounts;
import io.github.flinkkinesis.testing.front.FrontCounts;
import io.github.flinkkinesis.testing.front.QuotaFront;
import io.github.flinkkinesis.testing.front.QuotaFrontConfig;
import io.github.flinkkinesis.testing.front.ShardCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live fault tests: the sink and the source on a MiniCluster, talking to kinesalite through the
 * AWS-quota front ({@link QuotaFront}) with small per-shard limits and seeded faults. The sink
 * loses nothing (its duplicates are counted, and each one is explained by an answer the front
 * dropped), the source delivers every record exactly once and never calls GetRecords faster than a
 * shard allows, and a sink whose records keep failing stops at {@code sink.retry.max-duration}.
 */
class KinesisQuotaFrontITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisQuotaFrontITCase.class);

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private static void createGenerator(StreamTableEnvironment tEnv, int rows) {
        tEnv.executeSql(
                "CREATE TEMPORARY TABLE gen (id INT) WITH ('connector' = 'datagen',"
                        + " 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',"
                        + " 'fields.id.end' = '"
                        + rows
                        + "')");
    }

    private static int id(ShardRecord r) {
        Matcher m = ID.matcher(r.data());
        assertThat(m.find()).as("record %s has an id", r).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void sinkLosesNothingUnderThrottlingAndFaults() throws Exception {
        int rows = 1000;
        String stream = ENV.newStream(2);
        QuotaFrontConfig config =
                QuotaFrontConfig.aws()
                        .writeRecordsPerSecond(100)
                        .seed(13)
                        .internalFailureRate(0.1)
                        .entryFailureRate(0.05)
                        .connectionResetRate(0.1)
                        .slowResponseRate(0.05)
                        .slowResponseDelay(Duration.ofMillis(200));
        FrontCounts counts;
        try (QuotaFront front = QuotaFront.start(ENV.endpoint(), config)) {
            StreamTableEnvironment tEnv = ENV.tableEnv(2);
            createGenerator(tEnv, rows);
            tEnv.executeSql(
                    ENV.ddl(
                            "sink (id INT)",
                            options(stream, "json")
                                    .with("aws.endpoint", front.endpoint().toString())
                                    .with("sink.batch.max-size", "100")
                                    .with("sink.flush-buffer.timeout", "100ms")));
            long start = System.nanoTime();
            tEnv.executeSql("INSERT INTO sink SELECT id FROM gen").await();
            LOG.info(
                    "INSERT through the quota front took {} ms",
                    (System.nanoTime() - start) / 1_000_000);
            counts = front.counts();
        }

        // read back from kinesalite directly, not through the front
        List<ShardRecord> records = ENV.streams().readAll(stream);
        Map<Integer, Integer> copies = new HashMap<>();
        records.forEach(r -> copies.merge(id(r), 1, Integer::sum));
        List<Integer> lost = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            if (!copies.containsKey(i)) {
                lost.add(i);
            }
        }
        long duplicates = records.size() - copies.size();
        FaultCounts faults = counts.faults();
        LOG.info(
                "Sink through the quota front: {} rows, {} records stored, {} duplicates, {}"
                        + " records throttled; faults {}",
                rows,
                records.size(),
                duplicates,
                counts.total(stream, ShardCounts::recordsThrottled),
                faults);
        assertThat(lost).as("rows lost").isEmpty();
        assertThat(copies.keySet()).hasSize(rows);
        // at-least-once: a duplicate comes only from a call the server stored but whose answer
        // the front dropped, which the sink then sent again
        assertThat(duplicates)
                .as("duplicates, at most the records in lost answers (%s)", faults)
                .isLessThanOrEqualTo(faults.recordsInLostAnswers());
        assertThat(counts.total(stream, ShardCounts::recordsAccepted))
                .as("what the front let through is what kinesalite stored")
                .isEqualTo(records.size());
        // the run really met the quota and every kind of fault
        assertThat(counts.total(stream, ShardCounts::recordsThrottled)).isPositive();
        assertThat(faults.internalFailures()).isPositive();
        assertThat(faults.entryFailures()).isPositive();
        assertThat(faults.connectionResets()).isPositive();
        assertThat(faults.slowResponses()).isPositive();
        assertThat(counts.unroutedRecords()).isZero();
        assertThat(counts.errors()).as("front errors, last: %s", counts.lastError()).isZero();
    }

    @Test
    void sourceReadsEveryRecordOnceWithinTheShardsReadLimits() throws Exception {
        int rows = 1500;
        String stream = ENV.newStream(2);
        List<String> keys = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            keys.add("k" + i);
            payloads.add("{\"id\":" + i + ",\"pad\":\"" + "x".repeat(40) + "\"}");
        }
        ENV.streams().put(stream, keys, TestStreams.utf8(payloads));

        // ~750 records of ~60 bytes per shard at 15 kB/s: each full read of 200 records keeps
        // its shard busy for ~0.8 s, so the source meets the byte limit many times
        QuotaFrontConfig config =
                QuotaFrontConfig.aws()
                        .readBytesPerSecond(15_000)
                        .seed(29)
                        .internalFailureRate(0.05)
                        .connectionResetRate(0.05)
                        .slowResponseRate(0.05)
                        .slowResponseDelay(Duration.ofMillis(150));
        List<Row> result;
        FrontCounts counts;
        try (QuotaFront front = QuotaFront.start(ENV.endpoint(), config)) {
            StreamTableEnvironment tEnv = ENV.tableEnv(2);
            tEnv.executeSql(
                    ENV.ddl(
                            "src (id INT, pad STRING)",
                            boundedRead(stream, "json")
                                    .with("aws.endpoint", front.endpoint().toString())
                                    .with("source.shard.get-records.max-record-count", "200")));
            result = collect(tEnv, "SELECT id FROM src");
            counts = front.counts();
        }

        Map<Integer, Integer> copies = new HashMap<>();
        result.forEach(r -> copies.merge((Integer) r.getField(0), 1, Integer::sum));
        LOG.info(
                "Source through the quota front: {} rows read; {}", result.size(), counts.toJson());
        assertThat(copies).as("ids read").hasSize(rows);
        assertThat(copies.values()).as("each id exactly once").containsOnly(1);
        assertThat(result).hasSize(rows);

        List<ShardCounts> shards = counts.shards(stream);
        assertThat(shards).hasSize(2);
        for (ShardCounts shard : shards) {
            assertThat(shard.getRecordsViolations())
                    .as("GetRecords calls beyond 5 per second on %s", shard)
                    .isZero();
            assertThat(shard.recordsRead()).as("records read from %s", shard).isPositive();
        }
        // an answer the front dropped is read again, so the front may count a record twice
        assertThat(counts.total(stream, ShardCounts::recordsRead)).isGreaterThanOrEqualTo(rows);
        assertThat(counts.total(stream, ShardCounts::getRecordsThrottled))
                .as("the source met the read limit")
                .isPositive();
        assertThat(counts.faults().internalFailures() + counts.faults().connectionResets())
                .isPositive();
        assertThat(counts.unmappedGetRecords()).isZero();
        assertThat(counts.errors()).as("front errors, last: %s", counts.lastError()).isZero();
    }

    @Test
    void sinkFailsAfterTheRetryBoundWhenEveryRecordKeepsFailing() throws Exception {
        String stream = ENV.newStream(1);
        try (QuotaFront front =
                QuotaFront.start(ENV.endpoint(), QuotaFrontConfig.aws().entryFailureRate(1))) {
            StreamTableEnvironment tEnv = ENV.tableEnv(1);
            createGenerator(tEnv, 50);
            tEnv.executeSql(
                    ENV.ddl(
                            "sink (id INT)",
                            options(stream, "json")
                                    .with("aws.endpoint", front.endpoint().toString())
                                    .with("sink.flush-buffer.timeout", "100ms")
                                    .with("sink.retry.max-duration", "2s")));
            long start = System.nanoTime();
            assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO sink SELECT id FROM gen").await())
                    .rootCause()
                    .hasMessageStartingWith(
                            "Records to stream '" + stream + "' kept failing with InternalFailure")
                    .hasMessageContaining("longer than 'sink.retry.max-duration' (2000 ms)")
                    .hasMessageContaining("50 records were pending retry and are not dropped");
            assertThat((System.nanoTime() - start) / 1_000_000L).isGreaterThanOrEqualTo(2000);
            assertThat(front.counts().faults().entryFailures()).isGreaterThanOrEqualTo(50);
        }
        assertThat(ENV.streams().readAll(stream)).as("nothing got through").isEmpty();
    }
}
