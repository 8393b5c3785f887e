package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.source.kpl.Deaggregated;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Packing a batch per shard: every user record in exactly one Kinesis record; each aggregate only
 * holds user records of the shard it is for, and its explicit hash key lies in that shard, so
 * Kinesis stores it there and a reader of that shard keeps it whole.
 */
class KplBatchPackerTest {

    /** Four equal shards, as Kinesis and kinesalite split a new 4-shard stream. */
    static Map<String, HashKeyRange> fourShards() {
        Map<String, HashKeyRange> shards = new LinkedHashMap<>();
        BigInteger quarter = BigInteger.ONE.shiftLeft(126);
        for (int i = 0; i < 4; i++) {
            BigInteger start = quarter.multiply(BigInteger.valueOf(i));
            shards.put(
                    "shardId-00000000000" + i,
                    HashKeyRange.of(start, start.add(quarter).subtract(BigInteger.ONE)));
        }
        return shards;
    }

    static BigInteger md5(String key) throws Exception {
        return new BigInteger(
                1, MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static KinesisSinkEntry entry(String key, int size, String hashKey) {
        return new KinesisSinkEntry(new byte[size], key, hashKey);
    }

    private final KplDeaggregator deaggregator =
            new KplDeaggregator(new UnregisteredMetricsGroup());

    @Test
    void eachAggregateHoldsTheUserRecordsOfItsShardAndLandsThere() throws Exception {
        Map<String, HashKeyRange> shards = fourShards();
        List<KinesisSinkEntry> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(entry("user-" + i, 100, null));
        }
        // explicit hash keys override the key's hash: all in the last shard
        String lastShardKey = HashKeyRange.MAX_HASH_KEY.toString();
        for (int i = 0; i < 20; i++) {
            batch.add(entry("to-last-" + i, 50, lastShardKey));
        }
        KplBatchPacker packer = new KplBatchPacker(4096, 500);

        List<KplBatchPacker.PackedRecord> packed = packer.pack(batch, ShardMap.of(shards));

        int[] seen = new int[batch.size()];
        for (KplBatchPacker.PackedRecord record : packed) {
            assertThat(record.isAggregate()).isTrue();
            HashKeyRange range = shards.get(record.shardId);
            assertThat(record.record.sizeInBytes()).isLessThanOrEqualTo(4096);
            // the aggregate's key is its first user record's, its explicit hash key in the shard
            KinesisSinkEntry first = batch.get(record.userIndexes[0]);
            assertThat(record.record.partitionKey()).isEqualTo(first.partitionKey());
            assertThat(range.contains(new BigInteger(record.record.explicitHashKey()))).isTrue();
            for (int user : record.userIndexes) {
                seen[user]++;
                KinesisSinkEntry e = batch.get(user);
                BigInteger hashKey =
                        e.explicitHashKey() != null
                                ? new BigInteger(e.explicitHashKey())
                                : md5(e.partitionKey());
                assertThat(range.contains(hashKey)).isTrue();
            }
            // a reader of that shard keeps the aggregate, user records in order
            Deaggregated read =
                    deaggregator.deaggregate(
                            Record.builder()
                                    .data(SdkBytes.fromByteArray(record.record.data()))
                                    .partitionKey(record.record.partitionKey())
                                    .sequenceNumber("1")
                                    .build(),
                            "s",
                            record.shardId,
                            range);
            assertThat(read).isInstanceOf(Deaggregated.UserRecords.class);
            List<String> keys = new ArrayList<>();
            for (int user : record.userIndexes) {
                keys.add(batch.get(user).partitionKey());
            }
            assertThat(((Deaggregated.UserRecords) read).records())
                    .extracting(Record::partitionKey)
                    .containsExactlyElementsOf(keys);
        }
        assertThat(seen).containsOnly(1);
        // 520 user records of ~110 bytes in aggregates of at most 4 KiB: about 15-20, not 520
        assertThat(packed.size()).isBetween(4, 24);
    }

    @Test
    void theCountLimitSplitsAShardsRecords() {
        List<KinesisSinkEntry> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(entry("same-key", 10, null));
        }
        List<KplBatchPacker.PackedRecord> packed =
                new KplBatchPacker(1 << 20, 4).pack(batch, ShardMap.of(fourShards()));

        assertThat(packed).extracting(p -> p.userIndexes.length).containsExactly(4, 4, 2);
        assertThat(packed.get(1).userIndexes).containsExactly(4, 5, 6, 7);
    }

    @Test
    void aRecordTooLargeForAnAggregateOrWithoutShardGoesPlain() {
        KinesisSinkEntry big = entry("big", 2000, null);
        KinesisSinkEntry small = entry("small", 10, null);
        List<KplBatchPacker.PackedRecord> packed =
                new KplBatchPacker(1000, 500).pack(List.of(small, big), ShardMap.of(fourShards()));

        assertThat(packed).hasSize(2);
        KplBatchPacker.PackedRecord plain = packed.get(0);
        assertThat(plain.isAggregate()).isFalse();
        assertThat(plain.record).isSameAs(big);
        assertThat(plain.userIndexes).containsExactly(1);

        // a map without shards (or with a gap) owns no hash key: everything plain
        List<KplBatchPacker.PackedRecord> unmapped =
                new KplBatchPacker(1000, 500).pack(List.of(small), ShardMap.of(Map.of()));
        assertThat(unmapped).singleElement().satisfies(p -> assertThat(p.record).isSameAs(small));
    }

    @Test
    void theShardMapFindsTheOwnerOfEveryBoundary() {
        ShardMap map = ShardMap.of(fourShards());
        BigInteger quarter = BigInteger.ONE.shiftLeft(126);
        assertThat(map.shardFor(BigInteger.ZERO)).isEqualTo("shardId-000000000000");
        assertThat(map.shardFor(quarter.subtract(BigInteger.ONE)))
                .isEqualTo("shardId-000000000000");
        assertThat(map.shardFor(quarter)).isEqualTo("shardId-000000000001");
        assertThat(map.shardFor(HashKeyRange.MAX_HASH_KEY)).isEqualTo("shardId-000000000003");
        Map<String, HashKeyRange> gap = new LinkedHashMap<>(fourShards());
        gap.remove("shardId-000000000001");
        assertThat(ShardMap.of(gap).shardFor(quarter)).isNull();
    }
}
