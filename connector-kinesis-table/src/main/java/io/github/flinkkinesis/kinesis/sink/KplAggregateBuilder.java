package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.model.KplFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Encodes user records into one KPL aggregated record ({@link KplFormat}): magic bytes, a protobuf
 * {@code AggregatedRecord} (partition key table, explicit hash key table, then the user records in
 * the order they were added, each key written once in its table), then the MD5 digest of the
 * protobuf. Written by hand so the connector needs no protobuf library, like the source's parser.
 *
 * <p>It keeps the exact size of the record it would write as user records are added, so {@link
 * #tryAdd} can refuse a user record that would take the aggregate past its limits: at most {@code
 * maxCount} user records, and at most {@code maxBytes} as Kinesis counts a record (its data plus
 * its partition key, which is the first user record's).
 *
 * <p>Lifecycle: one per aggregate being packed, in the sink writer's thread: {@link #tryAdd} until
 * it refuses or the batch ends, then {@link #toBytes} once.
 */
@Internal
final class KplAggregateBuilder {

    private static final int FRAME_BYTES = KplFormat.MAGIC_LENGTH + KplFormat.DIGEST_LENGTH;

    private final long maxBytes;
    private final int maxCount;
    private final Map<String, Integer> partitionKeyIndexes = new HashMap<>();
    private final List<byte[]> partitionKeys = new ArrayList<>();
    private final Map<String, Integer> hashKeyIndexes = new HashMap<>();
    private final List<byte[]> hashKeys = new ArrayList<>();
    private final List<KinesisSinkEntry> userRecords = new ArrayList<>();
    private final List<int[]> indexes = new ArrayList<>(); // per user record: key index, hash key
    private long protobufBytes;
    private int aggregateKeyBytes;

    /**
     * @param maxBytes the largest aggregate, data plus partition key, as Kinesis counts a record
     * @param maxCount the most user records in the aggregate
     */
    KplAggregateBuilder(long maxBytes, int maxCount) {
        this.maxBytes = maxBytes;
        this.maxCount = maxCount;
    }

    /** The size Kinesis counts for an aggregate that holds {@code entry} alone. */
    static long sizeAlone(KinesisSinkEntry entry) {
        return new KplAggregateBuilder(Long.MAX_VALUE, 1).sizeWith(entry);
    }

    /** Adds {@code entry} if the aggregate stays within its limits; false leaves it unchanged. */
    boolean tryAdd(KinesisSinkEntry entry) {
        if (userRecords.size() >= maxCount || sizeWith(entry) > maxBytes) {
            return false;
        }
        String key = entry.partitionKey();
        Integer keyIndex = partitionKeyIndexes.get(key);
        if (keyIndex == null) {
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            keyIndex = partitionKeys.size();
            partitionKeyIndexes.put(key, keyIndex);
            partitionKeys.add(utf8);
            protobufBytes += lengthDelimitedBytes(utf8.length);
            if (userRecords.isEmpty()) {
                aggregateKeyBytes = utf8.length;
            }
        }
        int hashKeyIndex = -1;
        String hashKey = entry.explicitHashKey();
        if (hashKey != null) {
            Integer known = hashKeyIndexes.get(hashKey);
            if (known == null) {
                byte[] ascii = hashKey.getBytes(StandardCharsets.US_ASCII);
                known = hashKeys.size();
                hashKeyIndexes.put(hashKey, known);
                hashKeys.add(ascii);
                protobufBytes += lengthDelimitedBytes(ascii.length);
            }
            hashKeyIndex = known;
        }
        protobufBytes += lengthDelimitedBytes(recordBytes(entry, keyIndex, hashKeyIndex));
        userRecords.add(entry);
        indexes.add(new int[] {keyIndex, hashKeyIndex});
        return true;
    }

    /** The size Kinesis would count for this aggregate with {@code entry} added. */
    private long sizeWith(KinesisSinkEntry entry) {
        long bytes = protobufBytes;
        String key = entry.partitionKey();
        Integer keyIndex = partitionKeyIndexes.get(key);
        int keyBytes = aggregateKeyBytes;
        if (keyIndex == null) {
            int utf8 = (int) (entry.sizeInBytes() - entry.data().length);
            keyIndex = partitionKeys.size();
            bytes += lengthDelimitedBytes(utf8);
            if (userRecords.isEmpty()) {
                keyBytes = utf8;
            }
        }
        int hashKeyIndex = -1;
        String hashKey = entry.explicitHashKey();
        if (hashKey != null) {
            Integer known = hashKeyIndexes.get(hashKey);
            if (known == null) {
                known = hashKeys.size();
                bytes += lengthDelimitedBytes(hashKey.length()); // decimal digits: ASCII
            }
            hashKeyIndex = known;
        }
        bytes += lengthDelimitedBytes(recordBytes(entry, keyIndex, hashKeyIndex));
        return FRAME_BYTES + bytes + keyBytes;
    }

    /** The bytes of one protobuf {@code Record} message (without its own tag and length). */
    private static long recordBytes(KinesisSinkEntry entry, int keyIndex, int hashKeyIndex) {
        long bytes = 1 + KplFormat.varintSize(keyIndex);
        if (hashKeyIndex >= 0) {
            bytes += 1 + KplFormat.varintSize(hashKeyIndex);
        }
        return bytes + lengthDelimitedBytes(entry.data().length);
    }

    /** A length-delimited field of {@code length} content bytes: tag, length, content. */
    private static long lengthDelimitedBytes(long length) {
        return 1 + KplFormat.varintSize(length) + length;
    }

    boolean isEmpty() {
        return userRecords.isEmpty();
    }

    /** The user records added, in order (index = sub-sequence number a reader will give). */
    List<KinesisSinkEntry> userRecords() {
        return userRecords;
    }

    /** The size Kinesis counts for the aggregate: data plus the first user record's key. */
    long sizeInBytes() {
        return FRAME_BYTES + protobufBytes + aggregateKeyBytes;
    }

    /** The first user record, whose partition key the aggregate takes; null when empty. */
    @Nullable
    KinesisSinkEntry first() {
        return userRecords.isEmpty() ? null : userRecords.get(0);
    }

    /** The aggregated record's data: magic bytes, protobuf, MD5 digest of the protobuf. */
    byte[] toBytes(MessageDigest md5) {
        int protobufLength = Math.toIntExact(protobufBytes);
        byte[] out = new byte[FRAME_BYTES + protobufLength];
        out[0] = KplFormat.MAGIC_0;
        out[1] = KplFormat.MAGIC_1;
        out[2] = KplFormat.MAGIC_2;
        out[3] = KplFormat.MAGIC_3;
        int at = KplFormat.MAGIC_LENGTH;
        for (byte[] key : partitionKeys) {
            at = writeBytesField(out, at, KplFormat.PARTITION_KEY_TABLE, key);
        }
        for (byte[] key : hashKeys) {
            at = writeBytesField(out, at, KplFormat.EXPLICIT_HASH_KEY_TABLE, key);
        }
        for (int i = 0; i < userRecords.size(); i++) {
            KinesisSinkEntry entry = userRecords.get(i);
            int[] index = indexes.get(i);
            at = writeVarint(out, at, KplFormat.RECORDS);
            at = writeVarint(out, at, recordBytes(entry, index[0], index[1]));
            at = writeVarint(out, at, KplFormat.PARTITION_KEY_INDEX);
            at = writeVarint(out, at, index[0]);
            if (index[1] >= 0) {
                at = writeVarint(out, at, KplFormat.EXPLICIT_HASH_KEY_INDEX);
                at = writeVarint(out, at, index[1]);
            }
            at = writeBytesField(out, at, KplFormat.DATA, entry.data());
        }
        if (at != KplFormat.MAGIC_LENGTH + protobufLength) {
            throw new IllegalStateException(
                    "KPL aggregate size mismatch: wrote "
                            + at
                            + " bytes, expected "
                            + (KplFormat.MAGIC_LENGTH + protobufLength));
        }
        md5.update(out, KplFormat.MAGIC_LENGTH, protobufLength);
        byte[] digest = md5.digest();
        System.arraycopy(digest, 0, out, at, KplFormat.DIGEST_LENGTH);
        return out;
    }

    private static int writeBytesField(byte[] out, int at, int tag, byte[] content) {
        at = writeVarint(out, at, tag);
        at = writeVarint(out, at, content.length);
        System.arraycopy(content, 0, out, at, content.length);
        return at + content.length;
    }

    private static int writeVarint(byte[] out, int at, long value) {
        while ((value & ~0x7FL) != 0) {
            out[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }
}
