package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.testutil.EventTimeRecords.EVENTS_TABLE;
import static io.github.flinkkinesis.kinesis.testutil.EventTimeRecords.FIRST_SHARD_HASH_KEY;
import static io.github.flinkkinesis.kinesis.testutil.EventTimeRecords.SECOND_SHARD_HASH_KEY;
import static io.github.flinkkinesis.kinesis.testutil.EventTimeRecords.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Watermark alignment ({@code scan.watermark.alignment.*}) with one source subtask reading two
 * shards far apart in event time: Flink pauses the shard that runs ahead, the reader stops polling
 * it, and the shard behind is read on its own until it catches up or, in a bounded read, finishes;
 * then the shard ahead resumes where it stopped. The order in which rows leave the one subtask
 * shows it: with alignment, the rows of the shard ahead come (apart from what was fetched before
 * the first alignment check) after all rows of the shard behind; without it the two shards are read
 * side by side. Every row Kinesis holds is read once either way, and neither a finished nor an idle
 * shard stalls the shard that was held back.
 */
class KinesisWatermarkAlignmentITCase {

    /** Records per shard. */
    private static final int RECORDS = 300;

    /** Records per GetRecords call: a shard is read in 30 calls. */
    private static final String CALL_SIZE = "10";

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite().withSlots(1);

    @Test
    void theShardAheadIsPausedUntilTheShardBehindFinishes() throws Exception {
        String stream = aheadAndBehind();
        List<String> order = shardOrder(stream, true);

        String ahead = ENV.streams().shards(stream).get(0).shardId();
        String behind = ENV.streams().shards(stream).get(1).shardId();
        assertThat(order).filteredOn(ahead::equals).hasSize(RECORDS);
        assertThat(order).filteredOn(behind::equals).hasSize(RECORDS);
        // before the first alignment check (update interval 100 ms) the reader may fetch a few
        // calls of the shard ahead; after it, none until the shard behind is done
        assertThat(aheadBeforeLastBehind(order, ahead, behind))
                .as("rows of the shard ahead emitted before the last row of the shard behind")
                .isLessThanOrEqualTo(RECORDS / 3);
    }

    @Test
    void withoutAlignmentTheShardsAreReadSideBySide() throws Exception {
        String stream = aheadAndBehind();
        List<String> order = shardOrder(stream, false);

        String ahead = ENV.streams().shards(stream).get(0).shardId();
        String behind = ENV.streams().shards(stream).get(1).shardId();
        assertThat(order).hasSize(2 * RECORDS);
        // the control of the test above: round robin, one call per shard in turn
        assertThat(aheadBeforeLastBehind(order, ahead, behind))
                .isGreaterThanOrEqualTo(RECORDS * 2 / 3);
    }

    @Test
    void anIdleShardDoesNotStallTheShardItHeldBack() throws Exception {
        TestStreams streams = ENV.streams();
        String stream = ENV.newStream(2);
        streams.putWithHashKey(stream, SECOND_SHARD_HASH_KEY, payload(-1, Duration.ZERO));
        streams.putAllWithHashKey(
                stream, FIRST_SHARD_HASH_KEY, payloads(0, RECORDS, Duration.ofHours(1)));
        StreamTableEnvironment tableEnv = ENV.tableEnv(1);
        tableEnv.executeSql(
                ENV.ddl(
                        EVENTS_TABLE,
                        aligned(TestTables.unboundedRead(stream, "json"))
                                .with("scan.watermark.idle-timeout", "1 s")));

        // the shard ahead is paused while the other shard is active; once that one idles (after
        // 1 s without records) it must be read to its end: an unbounded read, so count the rows
        List<Integer> ids = new ArrayList<>();
        try (CloseableIterator<Row> it =
                tableEnv.executeSql("SELECT id, ts, shard FROM events").collect()) {
            TestTables.within(
                    Duration.ofSeconds(60),
                    () -> {
                        while (ids.size() < RECORDS + 1 && it.hasNext()) {
                            ids.add((Integer) it.next().getField(0));
                        }
                        return null;
                    });
        }
        List<Integer> expected = new ArrayList<>();
        for (TestStreams.ShardRecord record : streams.readAll(stream)) {
            expected.add(Integer.valueOf(record.data().replaceAll("^\\{\"id\":(-?\\d+),.*", "$1")));
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * A new two-shard stream: the first shard an hour ahead of the second in event time, {@link
     * #RECORDS} records each, one second apart.
     */
    private static String aheadAndBehind() {
        TestStreams streams = ENV.streams();
        String stream = ENV.newStream(2);
        streams.putAllWithHashKey(
                stream, FIRST_SHARD_HASH_KEY, payloads(0, RECORDS, Duration.ofHours(1)));
        streams.putAllWithHashKey(
                stream, SECOND_SHARD_HASH_KEY, payloads(RECORDS, RECORDS, Duration.ZERO));
        return stream;
    }

    /** The shard of every row of a bounded read of {@code stream}, in the order they came. */
    private static List<String> shardOrder(String stream, boolean aligned) throws Exception {
        StreamTableEnvironment tableEnv = ENV.tableEnv(1); // one subtask reads both shards
        TestTables.TableOptions options =
                TestTables.boundedRead(stream, "json")
                        .with("source.shard.get-records.max-record-count", CALL_SIZE)
                        .with("source.reader.nonempty-records-fetch-interval", "100 ms");
        tableEnv.executeSql(ENV.ddl(EVENTS_TABLE, aligned ? aligned(options) : options));
        return TestTables.collect(tableEnv, "SELECT id, ts, shard FROM events").stream()
                .map(row -> (String) row.getField(2))
                .collect(Collectors.toList());
    }

    private static TestTables.TableOptions aligned(TestTables.TableOptions options) {
        return options.with("scan.watermark.alignment.group", "kinesis-alignment-it")
                .with("scan.watermark.alignment.max-drift", "1 s")
                .with("scan.watermark.alignment.update-interval", "100 ms");
    }

    private static long aheadBeforeLastBehind(List<String> order, String ahead, String behind) {
        int lastBehind = order.lastIndexOf(behind);
        return order.subList(0, lastBehind).stream().filter(ahead::equals).count();
    }

    private static List<String> payloads(int firstId, int count, Duration from) {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(payload(firstId + i, from.plusSeconds(i)));
        }
        return payloads;
    }
}
