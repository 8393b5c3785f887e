package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.testutil.EventTimeRecords.EVENTS_TABLE;
import static io.github.flinkkinesis.kinesis.testutil.EventTimeRecords.FIRST_SHARD_HASH_KEY;
import static io.github.flinkkinesis.kinesis.testutil.EventTimeRecords.SECOND_SHARD_HASH_KEY;
import static io.github.flinkkinesis.kinesis.testutil.EventTimeRecords.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.EventTimeRecords;
import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event-time watermarks per shard, proven with window results: one source subtask reads two shards
 * whose records are far apart in event time (the event time is a column of the payload, so the test
 * controls it), and every window count is compared with the records the Kinesis API returns.
 *
 * <ul>
 *   <li>The subtask's watermark is the minimum of its shards' watermarks: the shard that is behind
 *       in event time loses no row as late, although the other shard's records are an hour ahead
 *       and are read alongside. (One watermark per subtask would have passed the behind shard's
 *       windows after the first batch of the shard ahead and dropped its rows.)
 *   <li>With {@code scan.watermark.idle-timeout} a shard without records stops holding back time: a
 *       window closes while that shard is idle, with the shard's earlier rows in it.
 *   <li>A shard that resumes after idling is active again at once: from its first new record on it
 *       holds the watermark back at its own event time, so its records in a window that had not
 *       closed are all counted, however far the other shard runs ahead meanwhile. The watermark
 *       never goes back, so a resumed shard's record older than the watermark is late: the window
 *       it belongs to had closed and is not emitted again (Flink drops the late row).
 * </ul>
 */
class KinesisPerShardWatermarkITCase {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private static final String WINDOW_COUNTS =
            "SELECT window_start, shard, COUNT(*) AS n"
                    + " FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                    + " GROUP BY window_start, window_end, shard";

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite().withSlots(1);

    @Test
    void theWatermarkIsTheMinimumOfTheShardsSoTheShardBehindLosesNoRow() throws Exception {
        TestStreams streams = ENV.streams();
        String stream = ENV.newStream(2);
        // the first shard an hour ahead of the second in event time, one record per second each
        streams.putAllWithHashKey(
                stream, FIRST_SHARD_HASH_KEY, payloads(0, 60, Duration.ofHours(1)));
        streams.putAllWithHashKey(stream, SECOND_SHARD_HASH_KEY, payloads(1000, 60, Duration.ZERO));
        StreamTableEnvironment tableEnv = ENV.tableEnv(1); // one subtask reads both shards
        tableEnv.executeSql(
                ENV.ddl(
                        EVENTS_TABLE,
                        TestTables.boundedRead(stream, "json")
                                // 5 records per call: the shards are read side by side, in 12
                                // calls each over more than two seconds, with periodic
                                // watermarks (every 200 ms) in between
                                .with("source.shard.get-records.max-record-count", "5")));

        Map<String, Long> expected = EventTimeRecords.windowCounts(streams.readAll(stream), WINDOW);
        assertThat(expected).as("6 windows per shard").hasSize(12);
        assertThat(windowCounts(TestTables.collect(tableEnv, WINDOW_COUNTS))).isEqualTo(expected);
    }

    @Test
    void anIdleShardStopsHoldingBackTimeAndHoldsItBackAgainOnceItResumes() throws Exception {
        TestStreams streams = ENV.streams();
        String stream = ENV.newStream(2);
        StreamTableEnvironment tableEnv = ENV.tableEnv(1);
        tableEnv.executeSql(
                ENV.ddl(
                        EVENTS_TABLE,
                        TestTables.unboundedRead(stream, "json")
                                .with("scan.watermark.idle-timeout", "1 s")));
        AtomicInteger nextId = new AtomicInteger();
        // the first shard receives a record every 200 ms, with the event time the test sets
        AtomicLong firstShardSeconds = new AtomicLong(0);
        // the second shard, while this is not negative, the same with its own event time
        AtomicLong secondShardSeconds = new AtomicLong(-1);
        streams.putWithHashKey(
                stream, SECOND_SHARD_HASH_KEY, payload(nextId.getAndIncrement(), seconds(1)));
        ScheduledExecutorService writers = Executors.newScheduledThreadPool(2);
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tableEnv.executeSql(WINDOW_COUNTS).collect()) {
            writers.scheduleWithFixedDelay(
                    () ->
                            streams.putWithHashKey(
                                    stream,
                                    FIRST_SHARD_HASH_KEY,
                                    payload(
                                            nextId.getAndIncrement(),
                                            seconds(firstShardSeconds.get()))),
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
            writers.scheduleWithFixedDelay(
                    () -> {
                        long at = secondShardSeconds.get();
                        if (at >= 0) {
                            streams.putWithHashKey(
                                    stream,
                                    SECOND_SHARD_HASH_KEY,
                                    payload(nextId.getAndIncrement(), seconds(at)));
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
            TestStreams.sleep(1000);
            // the first shard moves past window [0 s, 10 s); the second shard idles at 1 s
            firstShardSeconds.set(12);
            readUntilWindow(it, rows, 0);

            // the second shard resumes: one record older than the watermark (its window has
            // closed: late), then records at 15 s, inside window [10 s, 20 s) which is open
            streams.putWithHashKey(
                    stream, SECOND_SHARD_HASH_KEY, payload(nextId.getAndIncrement(), seconds(5)));
            secondShardSeconds.set(15);
            // time for the reader to read the resumed shard before the other one runs ahead (a
            // shared 2-core CI machine polls late: 1.5 s was enough when idle, not under load)
            TestStreams.sleep(5000);
            // the first shard runs far ahead, while the active second shard holds time at 15 s
            firstShardSeconds.set(35);
            TestStreams.sleep(2000);
            // the second shard idles again: now the window closes
            secondShardSeconds.set(-1);
            readUntilWindow(it, rows, 10);
        } finally {
            writers.shutdownNow();
            assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        Map<String, Long> inKinesis =
                EventTimeRecords.windowCounts(streams.readAll(stream), WINDOW);
        String secondShard = streams.shards(stream).get(1).shardId();
        // everything Kinesis holds in windows [0 s, 10 s) and [10 s, 20 s), except the one late
        // record of the resumed shard at 5 s
        Map<String, Long> expected = new LinkedHashMap<>();
        inKinesis.forEach(
                (key, n) -> {
                    if (key.startsWith("0 ") || key.startsWith("10 ")) {
                        expected.put(key, key.equals("0 " + secondShard) ? n - 1 : n);
                    }
                });
        assertThat(expected)
                .as("both shards in both windows; the late record in Kinesis")
                .hasSize(4)
                .containsEntry("0 " + secondShard, 1L);
        assertThat(windowCounts(rows)).isEqualTo(expected);
        assertThat(rows).as("each window and shard emitted once").hasSize(4);
    }

    /**
     * Reads window rows into {@code rows} until the rows of the window starting {@code
     * windowStartSeconds} after the base arrived for both shards.
     */
    private static void readUntilWindow(
            CloseableIterator<Row> it, List<Row> rows, long windowStartSeconds) throws Exception {
        TestTables.within(
                Duration.ofSeconds(60),
                () -> {
                    int seen = 0;
                    while (seen < 2 && it.hasNext()) {
                        Row row = it.next();
                        rows.add(row);
                        if (EventTimeRecords.windowKey(row).startsWith(windowStartSeconds + " ")) {
                            seen++;
                        }
                    }
                    return null;
                });
    }

    private static Map<String, Long> windowCounts(List<Row> rows) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Row row : rows) {
            counts.merge(EventTimeRecords.windowKey(row), (Long) row.getField(2), Long::sum);
        }
        return counts;
    }

    private static List<String> payloads(int firstId, int count, Duration from) {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(payload(firstId + i, from.plusSeconds(i)));
        }
        return payloads;
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
