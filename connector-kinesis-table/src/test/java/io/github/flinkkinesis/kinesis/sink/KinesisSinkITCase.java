package io.github.flinkkinesis.kinesis.sink;

import static io.github.flinkkinesis.kinesis.testutil.TestTables.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams.ShardRecord;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * INSERT INTO a kinesis table on a MiniCluster, then read the stream back with the plain SDK from
 * kinesalite: every row is present exactly once, with the partition key it should have.
 */
class KinesisSinkITCase {

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]*)\"");

    private static int id(ShardRecord r) {
        Matcher m = ID.matcher(r.data());
        assertThat(m.find()).as("record %s has an id", r).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String name(ShardRecord r) {
        Matcher m = NAME.matcher(r.data());
        assertThat(m.find()).as("record %s has a name", r).isTrue();
        return m.group(1);
    }

    private static void assertEachIdOnce(List<ShardRecord> records, int rows) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (ShardRecord r : records) {
            counts.merge(id(r), 1, Integer::sum);
        }
        Set<Integer> expected = new HashSet<>();
        for (int i = 1; i <= rows; i++) {
            expected.add(i);
        }
        assertThat(counts.keySet()).as("ids written").isEqualTo(expected);
        assertThat(counts.values()).as("each id exactly once").containsOnly(1);
        assertThat(records).hasSize(rows);
    }

    @Test
    void partitionKeyMetadataColumnSetsTheKey() throws Exception {
        String stream = ENV.newStream(3);
        StreamTableEnvironment tEnv = ENV.tableEnv(2);
        TestTables.createGenerator(tEnv, 2000);
        tEnv.executeSql(
                ENV.ddl(
                        "sink (id INT, name STRING, pk STRING METADATA FROM 'partition-key')",
                        options(stream, "json").with("sink.batch.max-size", "200")));
        tEnv.executeSql(
                        "INSERT INTO sink SELECT id, CONCAT('n', CAST(id AS STRING)),"
                                + " CONCAT('pk-', CAST(MOD(id, 7) AS STRING)) FROM gen")
                .await();

        List<ShardRecord> records = ENV.streams().readAll(stream);
        assertEachIdOnce(records, 2000);
        for (ShardRecord r : records) {
            assertThat(r.partitionKey()).isEqualTo("pk-" + (id(r) % 7));
            assertThat(name(r)).isEqualTo("n" + id(r));
            assertThat(r.data()).doesNotContain("pk-"); // metadata is not part of the value
        }
        assertOneShardPerKey(records);
    }

    @Test
    void partitionedByFieldsMakeTheKey() throws Exception {
        String stream = ENV.newStream(2);
        StreamTableEnvironment tEnv = ENV.tableEnv(2);
        TestTables.createGenerator(tEnv, 1500);
        tEnv.executeSql(
                ENV.ddl(
                        "sink (id INT, name STRING, region STRING) PARTITIONED BY (region, name)",
                        options(stream, "json").with("sink.partitioner-field-delimiter", "/")));
        tEnv.executeSql(
                        "INSERT INTO sink SELECT id, CONCAT('n', CAST(MOD(id, 3) AS STRING)),"
                                + " CONCAT('r', CAST(MOD(id, 2) AS STRING)) FROM gen")
                .await();

        List<ShardRecord> records = ENV.streams().readAll(stream);
        assertEachIdOnce(records, 1500);
        for (ShardRecord r : records) {
            assertThat(r.partitionKey()).isEqualTo("r" + (id(r) % 2) + "/n" + (id(r) % 3));
        }
        assertOneShardPerKey(records);
    }

    @Test
    void fixedPartitionerUsesOneKeyPerSubtask() throws Exception {
        String stream = ENV.newStream(2);
        StreamTableEnvironment tEnv = ENV.tableEnv(2);
        TestTables.createGenerator(tEnv, 1000);
        tEnv.executeSql(
                ENV.ddl(
                        "sink (id INT, name STRING)",
                        options(stream, "json").with("sink.partitioner", "fixed")));
        tEnv.executeSql("INSERT INTO sink SELECT id, 'x' FROM gen").await();

        List<ShardRecord> records = ENV.streams().readAll(stream);
        assertEachIdOnce(records, 1000);
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(r.partitionKey()));
        assertThat(keys).isSubsetOf("0", "1").isNotEmpty();
        assertOneShardPerKey(records);
    }

    @Test
    void randomPartitionerSpreadsRowsOverShards() throws Exception {
        String stream = ENV.newStream(4);
        StreamTableEnvironment tEnv = ENV.tableEnv(1);
        TestTables.createGenerator(tEnv, 2000);
        tEnv.executeSql(ENV.ddl("sink (id INT)", options(stream, "json")));
        tEnv.executeSql("INSERT INTO sink SELECT id FROM gen").await();

        List<ShardRecord> records = ENV.streams().readAll(stream);
        assertEachIdOnce(records, 2000);
        Map<String, Integer> perShard = new HashMap<>();
        records.forEach(r -> perShard.merge(r.shardId(), 1, Integer::sum));
        assertThat(perShard).hasSize(4);
        assertThat(perShard.values()).allSatisfy(n -> assertThat(n).isGreaterThan(300));
    }

    @Test
    void explicitHashKeyPicksTheShard() throws Exception {
        String stream = ENV.newStream(2);
        List<Shard> shards = ENV.streams().shards(stream);
        String low = shards.get(0).hashKeyRange().startingHashKey();
        String high = shards.get(1).hashKeyRange().endingHashKey();
        assertThat(new BigInteger(high))
                .isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));

        StreamTableEnvironment tEnv = ENV.tableEnv(1);
        TestTables.createGenerator(tEnv, 200);
        tEnv.executeSql(
                ENV.ddl(
                        "sink (id INT, ehk STRING METADATA FROM 'explicit-hash-key')",
                        options(stream, "json")));
        tEnv.executeSql(
                        "INSERT INTO sink SELECT id, CASE WHEN MOD(id, 2) = 0 THEN '"
                                + low
                                + "' ELSE '"
                                + high
                                + "' END FROM gen")
                .await();

        List<ShardRecord> records = ENV.streams().readAll(stream);
        assertEachIdOnce(records, 200);
        for (ShardRecord r : records) {
            String expectedShard =
                    id(r) % 2 == 0 ? shards.get(0).shardId() : shards.get(1).shardId();
            assertThat(r.shardId()).as("shard of id %s", id(r)).isEqualTo(expectedShard);
        }
    }

    @Test
    void changelogFormatWritesUpdatesAndDeletes() throws Exception {
        String stream = ENV.newStream(1);
        StreamTableEnvironment tEnv = ENV.tableEnv(1);
        tEnv.executeSql(
                ENV.ddl(
                        "sink (name STRING, cnt BIGINT, pk STRING METADATA FROM 'partition-key')",
                        options(stream, "debezium-json")));
        tEnv.executeSql(
                        "INSERT INTO sink SELECT name, COUNT(*), name FROM"
                                + " (VALUES ('a'), ('b'), ('a')) AS t(name) GROUP BY name")
                .await();

        List<ShardRecord> records = ENV.streams().readAll(stream);
        List<String> events = new java.util.ArrayList<>();
        for (ShardRecord r : records) {
            events.add(r.partitionKey() + " " + r.data());
        }
        // a: insert 1, then retract 1 (a debezium delete) and insert 2; b: insert 1.
        assertThat(events)
                .containsExactlyInAnyOrder(
                        "a {\"before\":null,\"after\":{\"name\":\"a\",\"cnt\":1},\"op\":\"c\"}",
                        "a {\"before\":{\"name\":\"a\",\"cnt\":1},\"after\":null,\"op\":\"d\"}",
                        "a {\"before\":null,\"after\":{\"name\":\"a\",\"cnt\":2},\"op\":\"c\"}",
                        "b {\"before\":null,\"after\":{\"name\":\"b\",\"cnt\":1},\"op\":\"c\"}");
    }

    @Test
    void aMissingStreamFailsTheJobSayingWhatToDo() {
        StreamTableEnvironment tEnv = ENV.tableEnv(1);
        TestTables.createGenerator(tEnv, 10);
        tEnv.executeSql(ENV.ddl("sink (id INT)", options("no-such-stream", "json")));
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO sink SELECT id FROM gen").await())
                .hasStackTraceContaining("Stream 'no-such-stream' was not found")
                .hasStackTraceContaining("ResourceNotFoundException")
                // what a SQL client prints: the deepest cause
                .rootCause()
                .hasMessageStartingWith("Stream 'no-such-stream' was not found");
    }

    /** Kinesis maps equal keys to the same shard; the sink must not break that. */
    private static void assertOneShardPerKey(List<ShardRecord> records) {
        Map<String, String> shardOfKey = new HashMap<>();
        for (ShardRecord r : records) {
            String previous = shardOfKey.putIfAbsent(r.partitionKey(), r.shardId());
            assertThat(previous == null || previous.equals(r.shardId()))
                    .as("key %s in one shard", r.partitionKey())
                    .isTrue();
        }
    }
}
