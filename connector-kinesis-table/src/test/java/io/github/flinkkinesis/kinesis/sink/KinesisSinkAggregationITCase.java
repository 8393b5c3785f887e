package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.source.kpl.Deaggregated;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams.ShardRecord;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * KPL aggregation on write against kinesalite, with rows: a SQL INSERT with {@code
 * sink.aggregation.enabled} of {@value #ROWS} rows into a 4-shard stream. GetRecords shows far
 * fewer Kinesis records than rows, each an aggregate in the shard its user records hash to (their
 * partition key's MD5, or the explicit hash key some rows carry); the KCL's de-aggregation and this
 * connector's source read back exactly the rows, with their partition keys, sub-sequence numbers
 * and the shard their key hashes to.
 */
class KinesisSinkAggregationITCase {

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();

    private static final int ROWS = 5000;

    /** Rows whose id is a multiple of this carry an explicit hash key. */
    private static final int EXPLICIT_EVERY = 25;

    /** 2^127 + 12345: in the third of four equal shards, whatever the row's partition key. */
    private static final String EXPLICIT_HASH_KEY =
            BigInteger.ONE.shiftLeft(127).add(BigInteger.valueOf(12345)).toString();

    private static String partitionKey(int id) {
        return "customer-" + (id % 97);
    }

    @Test
    void aggregatesLandInTheirShardsAndReadBackAsTheRowsWritten() throws Exception {
        String stream = ENV.newStream(4);
        StreamTableEnvironment tEnv = ENV.tableEnv(2);
        TestTables.createGenerator(tEnv, ROWS);
        tEnv.executeSql(
                ENV.ddl(
                        "orders_out (id INT, name STRING,"
                                + " pk STRING METADATA FROM 'partition-key',"
                                + " ehk STRING METADATA FROM 'explicit-hash-key')",
                        TestTables.options(stream, "json")
                                .with("sink.aggregation.enabled", "true")));
        tEnv.executeSql(
                        "INSERT INTO orders_out SELECT id, CONCAT('name-', CAST(id AS STRING)),"
                                + " CONCAT('customer-', CAST(MOD(id, 97) AS STRING)),"
                                + " CASE WHEN MOD(id, "
                                + EXPLICIT_EVERY
                                + ") = 0 THEN '"
                                + EXPLICIT_HASH_KEY
                                + "' ELSE CAST(NULL AS STRING) END FROM gen")
                .await();

        Map<String, HashKeyRange> ranges = new HashMap<>();
        for (Shard shard : ENV.streams().shards(stream)) {
            ranges.put(shard.shardId(), HashKeyRange.ofNullable(shard.hashKeyRange()));
        }
        assertThat(ranges).hasSize(4);

        // what Kinesis stored: few records, each an aggregate whose user records hash to its shard
        List<ShardRecord> stored = ENV.streams().readAll(stream);
        KplDeaggregator ours = new KplDeaggregator(new UnregisteredMetricsGroup());
        int userRecords = 0;
        int kclUserRecords = 0;
        for (ShardRecord record : stored) {
            HashKeyRange range = ranges.get(record.shardId());
            Deaggregated read = ours.deaggregate(record.record(), "s", record.shardId(), range);
            assertThat(read)
                    .as("record %s of %s", record.record().sequenceNumber(), record.shardId())
                    .isInstanceOf(Deaggregated.UserRecords.class);
            userRecords += ((Deaggregated.UserRecords) read).records().size();

            // the KCL, given the shard's range, keeps every user record: none outside the shard
            List<KinesisClientRecord> kcl =
                    new AggregatorUtil()
                            .deaggregate(
                                    List.of(KinesisClientRecord.fromRecord(record.record())),
                                    range.start().toString(),
                                    range.end().toString());
            assertThat(kcl).allSatisfy(r -> assertThat(r.aggregated()).isTrue());
            for (KinesisClientRecord user : kcl) {
                assertThat(range.contains(hashKey(user.partitionKey(), user.explicitHashKey())))
                        .isTrue();
            }
            kclUserRecords += kcl.size();
        }
        assertThat(userRecords).isEqualTo(ROWS);
        assertThat(kclUserRecords).isEqualTo(ROWS);
        System.out.printf(
                "KPL aggregation IT: %d rows written as %d Kinesis records in 4 shards%n",
                ROWS, stored.size());
        assertThat(stored.size()).as("Kinesis records for %s rows", ROWS).isLessThan(ROWS / 10);

        // our source: every row once, with its key, a sub-sequence number and the shard it hashes
        // to
        tEnv.executeSql(
                ENV.ddl(
                        "orders_in (id INT, name STRING,"
                                + " pk STRING METADATA FROM 'partition-key' VIRTUAL,"
                                + " sub BIGINT METADATA FROM 'sub-sequence-number' VIRTUAL,"
                                + " shard STRING METADATA FROM 'shard-id' VIRTUAL)",
                        TestTables.boundedRead(stream, "json")));
        List<Row> rows = TestTables.collect(tEnv, "SELECT id, name, pk, sub, shard FROM orders_in");

        Map<Integer, Integer> counts = new HashMap<>();
        for (Row row : rows) {
            int id = (Integer) row.getField(0);
            counts.merge(id, 1, Integer::sum);
            assertThat(row.getField(1)).isEqualTo("name-" + id);
            assertThat(row.getField(2)).isEqualTo(partitionKey(id));
            assertThat(row.getField(3)).as("sub-sequence number of id %s", id).isNotNull();
            BigInteger hashKey =
                    hashKey(partitionKey(id), id % EXPLICIT_EVERY == 0 ? EXPLICIT_HASH_KEY : null);
            String shard = (String) row.getField(4);
            assertThat(ranges.get(shard).contains(hashKey))
                    .as("id %s read from %s", id, shard)
                    .isTrue();
        }
        assertThat(counts).hasSize(ROWS);
        assertThat(counts.values()).as("each row exactly once").containsOnly(1);
        assertThat(rows)
                .extracting(r -> (Long) r.getField(3))
                .as("sub-sequence numbers go up to the largest aggregate's size")
                .contains(0L, 1L, 2L);
    }

    private static BigInteger hashKey(String partitionKey, String explicitHashKey)
            throws Exception {
        if (explicitHashKey != null) {
            return new BigInteger(explicitHashKey);
        }
        return new BigInteger(
                1,
                MessageDigest.getInstance("MD5")
                        .digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }
}
