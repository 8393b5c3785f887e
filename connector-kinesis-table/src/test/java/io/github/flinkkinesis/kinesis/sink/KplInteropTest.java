package io.github.flinkkinesis.kinesis.sink;

import static io.github.flinkkinesis.kinesis.sink.KplBatchPackerTest.fourShards;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.kinesis.agg.AggRecord;
import com.google.protobuf.ByteString;
import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.model.KplFormat;
import io.github.flinkkinesis.kinesis.source.kpl.Deaggregated;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * Interop with AWS's own KPL format code, the KCL ({@code amazon-kinesis-client}): the KCL's {@link
 * AggregatorUtil} reads our aggregates record for record (partition keys, explicit hash keys, data,
 * sub-sequence numbers); the protobuf the KCL's generated {@code Messages} classes parse and write
 * is byte for byte the one our encoder writes; and aggregates built with those classes and the
 * KCL's magic bytes are read by our source's de-aggregation.
 *
 * <p>The KCL has no aggregator of its own. AWS's separate {@code amazon-kinesis-aggregator} builds
 * on KCL 1.x's protobuf 2 classes, which cannot share a class path with the KCL 3 used here, so the
 * reverse direction is built with the KCL 3's generated protobuf classes instead.
 */
class KplInteropTest {

    private static final String HIGH = HashKeyRange.MAX_HASH_KEY.toString();

    /** User records with repeated, empty and non-ASCII keys, explicit hash keys, empty data. */
    private static List<KinesisSinkEntry> userRecords() {
        List<KinesisSinkEntry> entries = new ArrayList<>();
        entries.add(entry("alice", "{\"id\":1}", null));
        entries.add(entry("bob", "{\"id\":2}", "7"));
        entries.add(entry("alice", "{\"id\":3}", null));
        entries.add(entry("", "empty key", null));
        entries.add(entry("clé-😀", "", HIGH));
        entries.add(entry("carol", "x".repeat(300), "7"));
        for (int i = 0; i < 150; i++) {
            entries.add(entry("k" + i, "v" + i, null));
        }
        return entries;
    }

    private static KinesisSinkEntry entry(String key, String data, String hashKey) {
        return new KinesisSinkEntry(data.getBytes(StandardCharsets.UTF_8), key, hashKey);
    }

    private static byte[] ourAggregate(List<KinesisSinkEntry> entries) {
        KplAggregateBuilder builder = new KplAggregateBuilder(1 << 20, 1000);
        for (KinesisSinkEntry e : entries) {
            assertThat(builder.tryAdd(e)).isTrue();
        }
        return builder.toBytes(KplFormat.newMd5());
    }

    private static KinesisClientRecord kinesisRecord(byte[] data, String key) {
        return KinesisClientRecord.fromRecord(
                Record.builder()
                        .data(SdkBytes.fromByteArray(data))
                        .partitionKey(key)
                        .sequenceNumber("49590338271490256608559692538361571095921575989136588898")
                        .build());
    }

    @Test
    void theKclReadsOurAggregateRecordForRecord() {
        List<KinesisSinkEntry> entries = userRecords();
        byte[] aggregate = ourAggregate(entries);

        List<KinesisClientRecord> users =
                new AggregatorUtil().deaggregate(List.of(kinesisRecord(aggregate, "alice")));

        assertThat(users).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            KinesisSinkEntry expected = entries.get(i);
            KinesisClientRecord user = users.get(i);
            assertThat(user.aggregated()).isTrue();
            assertThat(user.subSequenceNumber()).isEqualTo(i);
            assertThat(user.partitionKey()).isEqualTo(expected.partitionKey());
            assertThat(user.explicitHashKey()).isEqualTo(expected.explicitHashKey());
            byte[] data = new byte[user.data().remaining()];
            user.data().duplicate().get(data);
            assertThat(data).isEqualTo(expected.data());
        }
    }

    @Test
    void theKclKeepsEveryAggregateThePackerBuiltInTheShardItWasBuiltFor() throws Exception {
        List<KinesisSinkEntry> batch = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            batch.add(entry("user-" + i, "{\"id\":" + i + "}", i % 40 == 0 ? HIGH : null));
        }
        Map<String, HashKeyRange> shards = fourShards();
        List<KplBatchPacker.PackedRecord> packed =
                new KplBatchPacker(50 * 1024, 500).pack(batch, ShardMap.of(shards));

        int users = 0;
        for (KplBatchPacker.PackedRecord record : packed) {
            HashKeyRange range = shards.get(record.shardId);
            // given the shard's range the KCL drops user records that do not belong there
            List<KinesisClientRecord> read =
                    new AggregatorUtil()
                            .deaggregate(
                                    List.of(
                                            kinesisRecord(
                                                    record.record.data(),
                                                    record.record.partitionKey())),
                                    range.start(),
                                    range.end());
            assertThat(read).hasSize(record.userIndexes.length);
            for (int i = 0; i < read.size(); i++) {
                KinesisSinkEntry expected = batch.get(record.userIndexes[i]);
                assertThat(read.get(i).partitionKey()).isEqualTo(expected.partitionKey());
                assertThat(read.get(i).explicitHashKey()).isEqualTo(expected.explicitHashKey());
            }
            users += read.size();
        }
        assertThat(users).isEqualTo(batch.size());
    }

    @Test
    void ourProtobufIsByteForByteTheKclMessagesEncoding() throws Exception {
        List<KinesisSinkEntry> entries = userRecords();
        byte[] aggregate = ourAggregate(entries);
        byte[] ourProtobuf = Arrays.copyOfRange(aggregate, 4, aggregate.length - 16);

        // the KCL's generated classes parse it into the same tables and records ...
        Messages.AggregatedRecord parsed = Messages.AggregatedRecord.parseFrom(ourProtobuf);
        assertThat(parsed.getRecordsCount()).isEqualTo(entries.size());
        assertThat(parsed.getPartitionKeyTable((int) parsed.getRecords(4).getPartitionKeyIndex()))
                .isEqualTo("clé-😀");
        assertThat(parsed.getExplicitHashKeyTableList()).containsExactly("7", HIGH);
        // ... and write exactly the same bytes, with the same magic bytes in front
        assertThat(kclAggregate(entries)).isEqualTo(aggregate);
        assertThat(Arrays.copyOf(aggregate, 4)).isEqualTo(AggregatorUtil.AGGREGATED_RECORD_MAGIC);
    }

    @Test
    void ourSourceReadsAnAggregateBuiltWithTheKclsProtobufClasses() throws Exception {
        List<KinesisSinkEntry> entries = userRecords();
        assertOurSourceReads(kclAggregate(entries), "alice", entries);
    }

    @Test
    void ourSourceReadsAggregatesBuiltByAwsAggregator() throws Exception {
        // the aggregator refuses an empty partition key, as Kinesis does (and so does our sink)
        List<KinesisSinkEntry> entries =
                userRecords().stream().filter(e -> !e.partitionKey().isEmpty()).toList();
        AggRecord aws = new AggRecord();
        for (KinesisSinkEntry e : entries) {
            assertThat(aws.addUserRecord(e.partitionKey(), e.explicitHashKey(), e.data())).isTrue();
        }
        assertOurSourceReads(aws.toRecordBytes(), aws.getPartitionKey(), entries);
    }

    /**
     * Our source's de-aggregation reads {@code aggregate} as {@code entries}, and places the user
     * record with the highest explicit hash key by it: read as from the lower half of the hash
     * keys, the aggregate is dropped.
     */
    private static void assertOurSourceReads(
            byte[] aggregate, String key, List<KinesisSinkEntry> entries) {
        Record record =
                Record.builder()
                        .data(SdkBytes.fromByteArray(aggregate))
                        .partitionKey(key)
                        .sequenceNumber("1")
                        .build();
        KplDeaggregator ours = new KplDeaggregator(new UnregisteredMetricsGroup());

        Deaggregated read =
                ours.deaggregate(
                        record,
                        "s",
                        "shard",
                        HashKeyRange.of(BigInteger.ZERO, HashKeyRange.MAX_HASH_KEY));

        assertThat(read).isInstanceOf(Deaggregated.UserRecords.class);
        List<Record> users = ((Deaggregated.UserRecords) read).records();
        assertThat(users).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(users.get(i).partitionKey()).isEqualTo(entries.get(i).partitionKey());
            assertThat(users.get(i).data().asByteArray()).isEqualTo(entries.get(i).data());
        }
        assertThat(
                        ours.deaggregate(
                                record,
                                "s",
                                "shard",
                                HashKeyRange.of(
                                        BigInteger.ZERO, HashKeyRange.MAX_HASH_KEY.shiftRight(1))))
                .isInstanceOf(Deaggregated.Dropped.class);
    }

    /**
     * {@code entries} as the KCL's protobuf classes write them (keys in first-use order, as the KPL
     * does), framed with the KCL's magic bytes and the MD5 digest.
     */
    private static byte[] kclAggregate(List<KinesisSinkEntry> entries) throws Exception {
        Messages.AggregatedRecord.Builder aggregate = Messages.AggregatedRecord.newBuilder();
        List<String> keys = new ArrayList<>();
        List<String> hashKeys = new ArrayList<>();
        for (KinesisSinkEntry e : entries) {
            if (!keys.contains(e.partitionKey())) {
                keys.add(e.partitionKey());
                aggregate.addPartitionKeyTable(e.partitionKey());
            }
            Messages.Record.Builder user =
                    Messages.Record.newBuilder()
                            .setPartitionKeyIndex(keys.indexOf(e.partitionKey()))
                            .setData(ByteString.copyFrom(e.data()));
            if (e.explicitHashKey() != null) {
                if (!hashKeys.contains(e.explicitHashKey())) {
                    hashKeys.add(e.explicitHashKey());
                    aggregate.addExplicitHashKeyTable(e.explicitHashKey());
                }
                user.setExplicitHashKeyIndex(hashKeys.indexOf(e.explicitHashKey()));
            }
            aggregate.addRecords(user);
        }
        byte[] protobuf = aggregate.build().toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AggregatorUtil.AGGREGATED_RECORD_MAGIC);
        out.write(protobuf);
        out.write(MessageDigest.getInstance("MD5").digest(protobuf));
        return out.toByteArray();
    }
}
