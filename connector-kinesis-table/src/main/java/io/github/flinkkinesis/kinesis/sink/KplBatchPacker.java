package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.model.KplFormat;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Packs one batch of user records into the Kinesis records of one attempt: the user records of each
 * open shard (found by their hash keys in the {@link ShardMap}: the explicit hash key, else the MD5
 * digest of the partition key) go into KPL aggregates ({@link KplAggregateBuilder}) of at most
 * {@code maxCount} user records and {@code maxBytes} bytes, in batch order. An aggregate takes the
 * partition key of its first user record and, as explicit hash key, that record's hash key: it lies
 * in the shard's range, so Kinesis stores the aggregate in the shard all its user records hash to.
 * The user records keep their own partition keys and explicit hash keys inside the aggregate.
 *
 * <p>A user record that does not fit an aggregate on its own, or whose hash key no open shard owns
 * (a map taken in the middle of a reshard), is sent as the plain record it is; readers take a
 * stream that mixes both.
 *
 * <p>Lifecycle: one per sink writer, used only by the writer's thread (it owns an MD5 digest); it
 * keeps nothing between batches.
 */
@Internal
final class KplBatchPacker {

    private final long maxBytes;
    private final int maxCount;
    private final MessageDigest md5 = KplFormat.newMd5();

    /**
     * @param maxBytes the largest aggregate, data plus partition key
     * @param maxCount the most user records per aggregate
     */
    KplBatchPacker(long maxBytes, int maxCount) {
        this.maxBytes = maxBytes;
        this.maxCount = maxCount;
    }

    /** The Kinesis records that carry {@code batch}, each user record in exactly one of them. */
    List<PackedRecord> pack(List<KinesisSinkEntry> batch, ShardMap shards) {
        List<PackedRecord> packed = new ArrayList<>();
        Map<String, OpenAggregate> open = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            KinesisSinkEntry entry = batch.get(i);
            BigInteger hashKey = hashKey(entry);
            String shardId = shards.shardFor(hashKey);
            if (shardId == null || KplAggregateBuilder.sizeAlone(entry) > maxBytes) {
                packed.add(new PackedRecord(entry, null, new int[] {i}));
                continue;
            }
            OpenAggregate aggregate = open.get(shardId);
            if (aggregate != null && !aggregate.tryAdd(entry, i)) {
                packed.add(aggregate.seal(shardId));
                aggregate = null;
            }
            if (aggregate == null) {
                aggregate = new OpenAggregate(new KplAggregateBuilder(maxBytes, maxCount), hashKey);
                open.put(shardId, aggregate);
                aggregate.tryAdd(entry, i); // fits alone, checked above
            }
        }
        for (Map.Entry<String, OpenAggregate> aggregate : open.entrySet()) {
            packed.add(aggregate.getValue().seal(aggregate.getKey()));
        }
        return packed;
    }

    /** The hash key Kinesis places {@code entry} by. */
    private BigInteger hashKey(KinesisSinkEntry entry) {
        String explicit = entry.explicitHashKey();
        if (explicit != null) {
            return new BigInteger(explicit);
        }
        return new BigInteger(1, md5.digest(entry.partitionKey().getBytes(StandardCharsets.UTF_8)));
    }

    /** An aggregate being filled for one shard. */
    private final class OpenAggregate {
        final KplAggregateBuilder builder;
        final BigInteger firstHashKey;
        final List<Integer> userIndexes = new ArrayList<>();

        OpenAggregate(KplAggregateBuilder builder, BigInteger firstHashKey) {
            this.builder = builder;
            this.firstHashKey = firstHashKey;
        }

        boolean tryAdd(KinesisSinkEntry entry, int index) {
            if (!builder.tryAdd(entry)) {
                return false;
            }
            userIndexes.add(index);
            return true;
        }

        PackedRecord seal(String shardId) {
            KinesisSinkEntry record =
                    new KinesisSinkEntry(
                            builder.toBytes(md5),
                            builder.first().partitionKey(),
                            firstHashKey.toString());
            return new PackedRecord(
                    record, shardId, userIndexes.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** One Kinesis record of an attempt and the user records (positions in the batch) it holds. */
    static final class PackedRecord {
        final KinesisSinkEntry record;
        @Nullable final String shardId;
        final int[] userIndexes;

        /**
         * @param shardId the shard an aggregate was packed for; null for a plain record
         */
        PackedRecord(KinesisSinkEntry record, @Nullable String shardId, int[] userIndexes) {
            this.record = record;
            this.shardId = shardId;
            this.userIndexes = userIndexes;
        }

        boolean isAggregate() {
            return shardId != null;
        }
    }
}
