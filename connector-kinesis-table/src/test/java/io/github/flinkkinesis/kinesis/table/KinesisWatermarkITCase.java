package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The table's WATERMARK is pushed into the source and generated per shard: with {@code
 * table.exec.source.idle-timeout} a shard that stopped receiving records does not hold back event
 * time, so a window closes as soon as the busy shard moves past it.
 *
 * <p>The busy shard keeps receiving records until the window closes. If it went idle too, every
 * split would be idle, and what Flink does then differs between lines: before Flink 2.2 the
 * combined watermark stays where it is (FLINK-38454), from 2.2 on it moves to the newest split
 * watermark. This test is about one idle shard among busy ones, which every line handles alike.
 */
class KinesisWatermarkITCase {

    /** A hash key in the range of the second of two shards. */
    private static final String SECOND_SHARD_HASH_KEY =
            BigInteger.ONE.shiftLeft(127).add(BigInteger.TEN).toString();

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite().withSlots(1);

    @Test
    void anIdleShardDoesNotHoldBackTheWatermark() throws Exception {
        TestStreams streams = ENV.streams();
        String stream = ENV.newStream(2);
        // one reader with both shards: per-split watermarks matter
        StreamTableEnvironment tableEnv = ENV.tableEnv(1);
        tableEnv.getConfig().set("table.exec.source.idle-timeout", "500 ms");
        tableEnv.executeSql(
                ENV.ddl(
                        "events (id INT, arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',"
                                + " shard STRING METADATA FROM 'shard-id',"
                                + " WATERMARK FOR arrival AS arrival)",
                        TestTables.unboundedRead(stream, "json")));

        // one early record on each shard, then only the first shard moves on: a record every
        // 200 ms, more often than the idle timeout, until the window has closed
        streams.putWithHashKey(stream, "0", "{\"id\":1}");
        streams.putWithHashKey(stream, SECOND_SHARD_HASH_KEY, "{\"id\":2}");
        TestStreams.sleep(1500);
        AtomicInteger nextId = new AtomicInteger(3);
        ScheduledExecutorService busyShard = Executors.newSingleThreadScheduledExecutor();
        try {
            busyShard.scheduleWithFixedDelay(
                    () ->
                            streams.putWithHashKey(
                                    stream, "0", "{\"id\":" + nextId.getAndIncrement() + "}"),
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
            // records 1 and 2 in the closed windows, one from each shard
            assertThat(firstWindows(tableEnv))
                    .as("{records, shards} of the closed windows")
                    .containsExactly(2L, 2L);
        } finally {
            busyShard.shutdownNow();
            assertThat(busyShard.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Reads closed windows until they hold two records: {records, shards that contributed}. */
    private static long[] firstWindows(StreamTableEnvironment tableEnv) throws Exception {
        TableResult result =
                tableEnv.executeSql(
                        "SELECT window_start, COUNT(*) AS n, COUNT(DISTINCT shard) AS shards"
                                + " FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(arrival),"
                                + " INTERVAL '1' SECOND))"
                                + " GROUP BY window_start, window_end");
        try (CloseableIterator<Row> it = result.collect()) {
            return TestTables.within(
                    Duration.ofSeconds(60),
                    () -> {
                        long records = 0;
                        long shards = 0;
                        while (records < 2 && it.hasNext()) {
                            Row row = it.next();
                            records += (Long) row.getField(1);
                            shards += (Long) row.getField(2);
                        }
                        return new long[] {records, shards};
                    });
        }
    }
}
