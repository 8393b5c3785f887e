package io.github.flinkkinesis.kinesis.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.flink.annotation.Internal;

/**
 * The wire format of a Kinesis record that the Kinesis Producer Library (KPL) writes with
 * aggregation on, in one place for the source's parser and the sink's encoder: the 4 magic bytes
 * {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}, then the 16-byte MD5 digest of the
 * protobuf bytes. The protobuf schema:
 *
 * <pre>
 * message AggregatedRecord {
 *   repeated string partition_key_table = 1;
 *   repeated string explicit_hash_key_table = 2;
 *   repeated Record records = 3;
 * }
 * message Record {
 *   required uint64 partition_key_index = 1;
 *   optional uint64 explicit_hash_key_index = 2;
 *   required bytes data = 3;
 *   repeated Tag tags = 4;
 * }
 * </pre>
 *
 * Field tags are given as protobuf writes them: field number {@code << 3 |} wire type.
 */
@Internal
public final class KplFormat {

    public static final byte MAGIC_0 = (byte) 0xF3;
    public static final byte MAGIC_1 = (byte) 0x89;
    public static final byte MAGIC_2 = (byte) 0x9A;
    public static final byte MAGIC_3 = (byte) 0xC2;
    public static final int MAGIC_LENGTH = 4;
    public static final int DIGEST_LENGTH = 16;

    // protobuf wire types
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int START_GROUP = 3;
    public static final int END_GROUP = 4;
    public static final int FIXED32 = 5;

    // AggregatedRecord fields
    public static final int PARTITION_KEY_TABLE = 1 << 3 | LENGTH_DELIMITED;
    public static final int EXPLICIT_HASH_KEY_TABLE = 2 << 3 | LENGTH_DELIMITED;
    public static final int RECORDS = 3 << 3 | LENGTH_DELIMITED;
    // Record fields
    public static final int PARTITION_KEY_INDEX = 1 << 3 | VARINT;
    public static final int EXPLICIT_HASH_KEY_INDEX = 2 << 3 | VARINT;
    public static final int DATA = 3 << 3 | LENGTH_DELIMITED;

    private KplFormat() {}

    /** Whether {@code data} starts with the magic bytes: the only check a plain record pays. */
    public static boolean hasAggregationMagic(byte[] data) {
        return data.length >= MAGIC_LENGTH
                && data[0] == MAGIC_0
                && data[1] == MAGIC_1
                && data[2] == MAGIC_2
                && data[3] == MAGIC_3;
    }

    /** A new MD5 digest (not thread-safe: one per user thread). */
    public static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM offers no MD5 digest", e);
        }
    }

    /** Bytes of {@code value} as a protobuf varint (unsigned). */
    public static int varintSize(long value) {
        int bytes = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            bytes++;
        }
        return bytes;
    }
}
