package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A stream on kinesis-local is split (2 to 4 shards) and merged back (4 to 2) while a streaming
 * query reads it: every record is read exactly once and the records of each partition key arrive in
 * the order they were written, because child shards are read only after their parents.
 */
class KinesisSourceReshardITCase {

    private static final int KEYS = 10;
    private static final int ROUNDS_PER_PHASE = 15;

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesisLocal();

    @Test
    void splitAndMergeWhileReadingKeepsEveryRecordOnceAndInOrderPerKey() throws Exception {
        TestStreams streams = ENV.streams();
        String stream = ENV.newStream(2);

        // one reader: the rows of all shards reach the collect sink in the order read
        StreamTableEnvironment tableEnv = ENV.tableEnv(1);
        tableEnv.executeSql(
                ENV.ddl(
                        "events (k STRING, n INT, shard STRING METADATA FROM 'shard-id')",
                        TestTables.unboundedRead(stream, "json")
                                .with("source.shard.discovery.interval", "200 ms")));
        TableResult result = tableEnv.executeSql("SELECT k, n, shard FROM events");
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            int round = 0;
            round = writeRounds(streams, stream, round);
            rows.addAll(read(it, KEYS * ROUNDS_PER_PHASE));

            reshard(stream, 4);
            round = writeRounds(streams, stream, round);
            rows.addAll(read(it, KEYS * ROUNDS_PER_PHASE));

            reshard(stream, 2);
            writeRounds(streams, stream, round);
            rows.addAll(read(it, KEYS * ROUNDS_PER_PHASE));
        }

        List<Shard> shards = streams.shards(stream);
        assertThat(shards).as("2 + 4 + 2 shards after split and merge").hasSize(8);

        Set<String> seen = new HashSet<>();
        Map<String, Integer> lastPerKey = new HashMap<>();
        Set<String> shardsRead = new HashSet<>();
        for (Row row : rows) {
            String key = (String) row.getField(0);
            int n = (Integer) row.getField(1);
            assertThat(seen.add(key + "/" + n)).as("%s/%s read once", key, n).isTrue();
            Integer previous = lastPerKey.put(key, n);
            assertThat(n).as("order of key %s", key).isEqualTo(previous == null ? 0 : previous + 1);
            shardsRead.add((String) row.getField(2));
        }
        assertThat(seen).hasSize(KEYS * ROUNDS_PER_PHASE * 3);
        assertThat(shardsRead).as("records came from parents and children").hasSizeGreaterThan(2);
    }

    /**
     * Two readers with the uniform shard assigner: the children of each reshard are placed on the
     * subtask with the fewest open shards, and every record (as GetRecords lists it, with its
     * shard) is read exactly once.
     */
    @Test
    void twoReadersWithTheUniformAssignerReadEveryRecordOnceAcrossReshards() throws Exception {
        TestStreams streams = ENV.streams();
        String stream = ENV.newStream(2);
        StreamTableEnvironment tableEnv = ENV.tableEnv(2);
        tableEnv.executeSql(
                ENV.ddl(
                        "events (k STRING, n INT, shard STRING METADATA FROM 'shard-id')",
                        TestTables.unboundedRead(stream, "json")
                                .with("source.shard-assigner", "uniform")
                                .with("source.shard.discovery.interval", "200 ms")));
        TableResult result = tableEnv.executeSql("SELECT k, n, shard FROM events");
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            int round = writeRounds(streams, stream, 0);
            rows.addAll(read(it, KEYS * ROUNDS_PER_PHASE));
            reshard(stream, 4);
            round = writeRounds(streams, stream, round);
            rows.addAll(read(it, KEYS * ROUNDS_PER_PHASE));
            reshard(stream, 3);
            writeRounds(streams, stream, round);
            rows.addAll(read(it, KEYS * ROUNDS_PER_PHASE));
        }

        List<String> written = new ArrayList<>();
        for (TestStreams.ShardRecord r : streams.readAll(stream)) {
            written.add(r.data().replace(" ", "") + "@" + r.shardId());
        }
        List<String> read = new ArrayList<>();
        for (Row row : rows) {
            read.add(
                    "{\"k\":\""
                            + row.getField(0)
                            + "\",\"n\":"
                            + row.getField(1)
                            + "}@"
                            + row.getField(2));
        }
        assertThat(written).hasSize(KEYS * ROUNDS_PER_PHASE * 3);
        assertThat(read).containsExactlyInAnyOrderElementsOf(written);
    }

    /** Splits or merges the stream's shards uniformly to {@code shards} and waits until done. */
    private static void reshard(String stream, int shards) {
        ENV.client()
                .updateShardCount(
                        b ->
                                b.streamName(stream)
                                        .targetShardCount(shards)
                                        .scalingType(ScalingType.UNIFORM_SCALING));
        ENV.streams().waitActive(stream);
    }

    /** Writes ROUNDS_PER_PHASE rounds; a round holds one record per key, so order per key holds. */
    private static int writeRounds(TestStreams streams, String stream, int firstRound) {
        int round = firstRound;
        for (int r = 0; r < ROUNDS_PER_PHASE; r++, round++) {
            List<String> keys = new ArrayList<>();
            List<String> payloads = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                keys.add("key-" + k);
                payloads.add("{\"k\":\"key-" + k + "\",\"n\":" + round + "}");
            }
            streams.put(stream, keys, TestStreams.utf8(payloads));
        }
        return round;
    }

    /** The next {@code count} rows, read within 60 s. */
    private static List<Row> read(CloseableIterator<Row> it, int count) throws Exception {
        List<Row> rows =
                TestTables.within(
                        Duration.ofSeconds(60),
                        () -> {
                            List<Row> read = new ArrayList<>();
                            while (read.size() < count && it.hasNext()) {
                                read.add(it.next());
                            }
                            return read;
                        });
        assertThat(rows).hasSize(count);
        return rows;
    }
}
