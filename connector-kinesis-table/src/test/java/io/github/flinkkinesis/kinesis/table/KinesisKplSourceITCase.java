package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.testutil.FactoryTables.causeMessages;
import static io.github.flinkkinesis.kinesis.testutil.KplAggregates.md5;
import static io.github.flinkkinesis.kinesis.testutil.KplAggregates.utf8;
import static io.github.flinkkinesis.kinesis.testutil.TestTables.collect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.KplAggregates.Aggregate;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestStreams.ShardRecord;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.math.BigInteger;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Records aggregated as the KPL writes them (built by the test encoder) next to plain records in a
 * kinesalite stream, read through SQL: one row per user record with its partition key and
 * sub-sequence number, malformed aggregates as plain records, decode errors naming the user record,
 * aggregates that landed in the wrong shard dropped. Kinesalite reports real hash key ranges, so
 * every aggregate here is checked against its shard's range: in the one-shard streams it holds
 * every hash key.
 */
class KinesisKplSourceITCase {

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();

    private final TestStreams streams = ENV.streams();
    private StreamTableEnvironment tableEnv;

    @BeforeEach
    void createTableEnvironment() {
        tableEnv = ENV.tableEnv(2);
    }

    /** A table that reads {@code stream} from its first record to its last. */
    private void createTable(String table, String columns, String stream, String format) {
        tableEnv.executeSql(
                ENV.ddl(table + " (" + columns + ")", TestTables.boundedRead(stream, format)));
    }

    private static String json(int id) {
        return "{\"id\":" + id + ",\"name\":\"n" + id + "\"}";
    }

    @Test
    void oneRowPerUserRecordWithItsPartitionKeyAndSubSequenceNumber() throws Exception {
        String stream = ENV.newStream(1);
        String plain1 = streams.putRecord(stream, "plain-a", utf8(json(1)));
        String aggregate1 =
                streams.putRecord(
                        stream,
                        "outer-1",
                        new Aggregate()
                                .add("alice", json(2))
                                .add("bob", json(3))
                                .add("alice", json(4))
                                .toBytes());
        List<String> batch =
                streams.putRecords(
                        stream,
                        List.of("plain-b", "outer-2"),
                        List.of(
                                utf8(json(5)),
                                new Aggregate()
                                        .add("carol", "42", utf8(json(6)))
                                        .add("dave", json(7))
                                        .withTagsAndUnknownFields()
                                        .toBytes()));
        String plain2 = batch.get(0);
        String aggregate2 = batch.get(1);
        Map<String, ShardRecord> bySequence = new HashMap<>();
        for (ShardRecord r : streams.readAll(stream)) {
            bySequence.put(r.record().sequenceNumber(), r);
        }
        assertThat(bySequence).hasSize(4);

        createTable(
                "kpl",
                "id INT, name STRING,"
                        + " sub BIGINT METADATA FROM 'sub-sequence-number' VIRTUAL,"
                        + " pk STRING METADATA FROM 'partition-key',"
                        + " seq STRING METADATA FROM 'sequence-number' VIRTUAL,"
                        + " arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,"
                        + " shard STRING METADATA FROM 'shard-id' VIRTUAL,"
                        + " stream_name STRING METADATA FROM 'stream' VIRTUAL",
                stream,
                "json");
        List<Row> rows = collect(tableEnv, "SELECT id, name, sub, pk, seq FROM kpl");

        assertThat(rows)
                .extracting(Row::toString)
                .containsExactlyInAnyOrder(
                        "+I[1, n1, null, plain-a, " + plain1 + "]",
                        "+I[2, n2, 0, alice, " + aggregate1 + "]",
                        "+I[3, n3, 1, bob, " + aggregate1 + "]",
                        "+I[4, n4, 2, alice, " + aggregate1 + "]",
                        "+I[5, n5, null, plain-b, " + plain2 + "]",
                        "+I[6, n6, 0, carol, " + aggregate2 + "]",
                        "+I[7, n7, 1, dave, " + aggregate2 + "]");

        // arrival time, shard and stream are those of the enclosing record
        List<Row> positions = collect(tableEnv, "SELECT seq, arrival, shard, stream_name FROM kpl");
        assertThat(positions).hasSize(7);
        for (Row row : positions) {
            ShardRecord enclosing = bySequence.get((String) row.getField(0));
            assertThat(row.getField(1))
                    .isEqualTo(
                            enclosing
                                    .record()
                                    .approximateArrivalTimestamp()
                                    .truncatedTo(ChronoUnit.MILLIS));
            assertThat(row.getField(2)).isEqualTo(enclosing.shardId());
            assertThat(row.getField(3)).isEqualTo(stream);
        }
    }

    @Test
    void aMalformedAggregateIsReadAsOnePlainRecord() throws Exception {
        String stream = ENV.newStream(1);
        byte[] broken = new Aggregate().add("x", "lost?").add("y", "no").toBytes();
        broken[broken.length - 1] ^= 1; // the digest no longer matches
        String brokenSeq = streams.putRecord(stream, "outer-bad", broken);
        String goodSeq =
                streams.putRecord(stream, "outer-good", new Aggregate().add("z", "fine").toBytes());

        createTable(
                "kpl_raw",
                "payload BYTES,"
                        + " sub BIGINT METADATA FROM 'sub-sequence-number' VIRTUAL,"
                        + " pk STRING METADATA FROM 'partition-key' VIRTUAL,"
                        + " seq STRING METADATA FROM 'sequence-number' VIRTUAL",
                stream,
                "raw");
        List<Row> rows = collect(tableEnv, "SELECT payload, sub, pk, seq FROM kpl_raw");

        assertThat(rows).hasSize(2);
        Map<String, Row> bySequence = new HashMap<>();
        rows.forEach(r -> bySequence.put((String) r.getField(3), r));
        Row plain = bySequence.get(brokenSeq);
        assertThat((byte[]) plain.getField(0)).isEqualTo(broken);
        assertThat(plain.getField(1)).isNull();
        assertThat(plain.getField(2)).isEqualTo("outer-bad");
        Row user = bySequence.get(goodSeq);
        assertThat((byte[]) user.getField(0)).isEqualTo(utf8("fine"));
        assertThat(user.getField(1)).isEqualTo(0L);
        assertThat(user.getField(2)).isEqualTo("z");
    }

    @Test
    void anAggregateThatLandedInTheWrongShardIsDropped() throws Exception {
        String stream = ENV.newStream(2);
        List<Shard> shards = streams.shards(stream);
        assertThat(shards).hasSize(2);
        String low = shards.get(0).hashKeyRange().startingHashKey();
        String lowEnd = shards.get(0).hashKeyRange().endingHashKey();
        String high = shards.get(1).hashKeyRange().startingHashKey();
        assertThat(new BigInteger(high)).isGreaterThan(new BigInteger(lowEnd));
        // MD5("a") is in the lower half of the hash keys, MD5("b") in the upper half
        assertThat(new BigInteger(1, md5(utf8("a")))).isLessThanOrEqualTo(new BigInteger(lowEnd));
        assertThat(new BigInteger(1, md5(utf8("b")))).isGreaterThanOrEqualTo(new BigInteger(high));

        // put where the KPL predicts: the server routes the outer key "a" (or "b") by its MD5,
        // as the reader hashes the user records' keys, or by the explicit hash key
        String keptByKey =
                streams.putRecord(
                        stream, "a", new Aggregate().add("a", json(1)).add("a", json(2)).toBytes());
        String keptByKeyHigh =
                streams.putRecord(stream, "b", new Aggregate().add("b", json(3)).toBytes());
        String keptByExplicitKey =
                streams.putWithHashKey(
                        stream,
                        low,
                        new Aggregate()
                                .add("b", low, utf8(json(4)))
                                .add("b", lowEnd, utf8(json(5)))
                                .toBytes());
        // a stale shard map: a user record belongs to the other shard, so the KPL puts the
        // user records again and these aggregates are dropped whole
        streams.putRecord(
                stream, "a", new Aggregate().add("a", json(6)).add("b", json(7)).toBytes());
        streams.putWithHashKey(
                stream,
                high,
                new Aggregate().add("b", json(8)).add("b", low, utf8(json(9))).toBytes());
        String plain = streams.putRecord(stream, "b", utf8(json(10))); // never checked

        createTable(
                "kpl_shard",
                "id INT, name STRING, seq STRING METADATA FROM 'sequence-number' VIRTUAL",
                stream,
                "json");
        List<Row> rows = collect(tableEnv, "SELECT id, seq FROM kpl_shard");

        assertThat(rows)
                .extracting(Row::toString)
                .containsExactlyInAnyOrder(
                        "+I[1, " + keptByKey + "]",
                        "+I[2, " + keptByKey + "]",
                        "+I[3, " + keptByKeyHigh + "]",
                        "+I[4, " + keptByExplicitKey + "]",
                        "+I[5, " + keptByExplicitKey + "]",
                        "+I[10, " + plain + "]");
    }

    @Test
    void anUndecodableUserRecordFailsTheJobNamingItsSubSequenceNumber() throws Exception {
        String stream = ENV.newStream(1);
        String sequenceNumber =
                streams.putRecord(
                        stream,
                        "outer",
                        new Aggregate().add("a", json(1)).add("b", "{not json").toBytes());
        String shardId = streams.shards(stream).get(0).shardId();
        createTable("kpl_fail", "id INT, name STRING", stream, "json");

        assertThatThrownBy(() -> collect(tableEnv, "SELECT id FROM kpl_fail"))
                .satisfies(
                        e ->
                                assertThat(causeMessages(e))
                                        .anyMatch(
                                                m ->
                                                        m.contains("stream '" + stream + "'")
                                                                && m.contains(
                                                                        "shard '" + shardId + "'")
                                                                && m.contains(
                                                                        "sequence number "
                                                                                + sequenceNumber
                                                                                + ", sub-sequence"
                                                                                + " number 1")));
    }
}
