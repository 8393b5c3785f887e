package io.github.flinkkinesis.kinesis.source.kpl;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KplFormat;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Reads the wire format ({@link KplFormat}) of a Kinesis record that the Kinesis Producer Library
 * (KPL) wrote with aggregation on: the 4 magic bytes {@code F3 89 9A C2}, a protobuf {@code
 * AggregatedRecord} (a partition key table, an explicit hash key table, the user records: each a
 * partition key index, an optional explicit hash key index, the data and tags), then the MD5 digest
 * of the protobuf bytes. Tags and unknown fields are skipped; fields may come in any order, and the
 * last value of a repeated scalar wins, as in protobuf.
 *
 * <p>Input that is not a valid aggregate (too short, wrong digest, protobuf that cannot be parsed,
 * an index outside its table, a user record without partition key index or data, an explicit hash
 * key that is not a decimal number from 0 to 2^128-1, no user record at all) is rejected with a
 * {@link ProtobufReader.MalformedException} that says what is wrong, never the payload. What
 * happens to such a record is not decided here.
 *
 * <p>Owns the MD5 digest. Lifecycle: one per {@link KplDeaggregator}, used only by its thread (the
 * digest is not thread-safe); it keeps nothing between records.
 */
@Internal
final class KplAggregateParser {

    private static final int MAGIC_LENGTH = KplFormat.MAGIC_LENGTH;
    private static final int DIGEST_LENGTH = KplFormat.DIGEST_LENGTH;

    private final MessageDigest md5;

    KplAggregateParser() {
        this.md5 = KplFormat.newMd5();
    }

    /**
     * Whether {@code data} starts with the KPL aggregation magic bytes: the only check a plain
     * record pays. Only such records are worth {@link #parse}.
     */
    static boolean hasAggregationMagic(byte[] data) {
        return KplFormat.hasAggregationMagic(data);
    }

    /** The aggregate that {@code data} (magic bytes included) holds, at least one user record. */
    KplAggregate parse(byte[] data) throws ProtobufReader.MalformedException {
        if (data.length < MAGIC_LENGTH + DIGEST_LENGTH) {
            throw new ProtobufReader.MalformedException(
                    data.length + " bytes, shorter than magic bytes and digest");
        }
        int protobufEnd = data.length - DIGEST_LENGTH;
        md5.update(data, MAGIC_LENGTH, protobufEnd - MAGIC_LENGTH);
        byte[] digest = md5.digest();
        if (!Arrays.equals(digest, 0, DIGEST_LENGTH, data, protobufEnd, data.length)) {
            throw new ProtobufReader.MalformedException("MD5 digest does not match");
        }

        List<String> partitionKeys = new ArrayList<>();
        List<BigInteger> explicitHashKeys = new ArrayList<>();
        List<RawUserRecord> raw = new ArrayList<>();
        ProtobufReader protobuf = new ProtobufReader(data, MAGIC_LENGTH, protobufEnd);
        while (protobuf.hasMore()) {
            int tag = protobuf.readTag();
            switch (tag) {
                case KplFormat.PARTITION_KEY_TABLE:
                    partitionKeys.add(protobuf.readString());
                    break;
                case KplFormat.EXPLICIT_HASH_KEY_TABLE:
                    explicitHashKeys.add(hashKey(protobuf.readString()));
                    break;
                case KplFormat.RECORDS:
                    raw.add(RawUserRecord.read(protobuf.readMessage(), raw.size()));
                    break;
                default:
                    protobuf.skipField(tag);
            }
        }
        if (raw.isEmpty()) {
            throw new ProtobufReader.MalformedException("no user records");
        }
        // the tables may follow the user records: indexes are checked once all is read
        List<KplAggregate.UserRecord> userRecords = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            RawUserRecord user = raw.get(i);
            int partitionKey =
                    checkIndex(user.partitionKeyIndex, partitionKeys.size(), "partition key", i);
            int explicitHashKey =
                    user.hasExplicitHashKeyIndex
                            ? checkIndex(
                                    user.explicitHashKeyIndex,
                                    explicitHashKeys.size(),
                                    "explicit hash key",
                                    i)
                            : KplAggregate.NO_EXPLICIT_HASH_KEY;
            userRecords.add(new KplAggregate.UserRecord(partitionKey, explicitHashKey, user.data));
        }
        return new KplAggregate(partitionKeys, explicitHashKeys, userRecords, md5);
    }

    /** An explicit hash key: a decimal number from 0 to 2^128-1 (leading zeros allowed). */
    private static BigInteger hashKey(String decimal) throws ProtobufReader.MalformedException {
        if (HashKeyRange.hashKeyProblem(decimal) != null) {
            throw new ProtobufReader.MalformedException(
                    "explicit hash key is not a decimal number from 0 to 2^128-1");
        }
        return new BigInteger(decimal);
    }

    private static int checkIndex(long index, int tableSize, String table, int userRecord)
            throws ProtobufReader.MalformedException {
        // a uint64 above Long.MAX_VALUE reads as negative
        if (index < 0 || index >= tableSize) {
            throw new ProtobufReader.MalformedException(
                    "user record "
                            + userRecord
                            + " has "
                            + table
                            + " index "
                            + Long.toUnsignedString(index)
                            + " outside the table of "
                            + tableSize);
        }
        return (int) index;
    }

    /** One protobuf {@code Record} as read, before its indexes are checked against the tables. */
    private static final class RawUserRecord {
        boolean hasPartitionKeyIndex;
        long partitionKeyIndex;
        boolean hasExplicitHashKeyIndex;
        long explicitHashKeyIndex;
        @Nullable byte[] data;

        static RawUserRecord read(ProtobufReader message, int index)
                throws ProtobufReader.MalformedException {
            RawUserRecord user = new RawUserRecord();
            while (message.hasMore()) {
                int tag = message.readTag();
                switch (tag) {
                    case KplFormat.PARTITION_KEY_INDEX:
                        user.partitionKeyIndex = message.readVarint();
                        user.hasPartitionKeyIndex = true;
                        break;
                    case KplFormat.EXPLICIT_HASH_KEY_INDEX:
                        user.explicitHashKeyIndex = message.readVarint();
                        user.hasExplicitHashKeyIndex = true;
                        break;
                    case KplFormat.DATA:
                        user.data = message.readBytes();
                        break;
                    default: // tags (field 4) and unknown fields
                        message.skipField(tag);
                }
            }
            if (!user.hasPartitionKeyIndex) {
                throw new ProtobufReader.MalformedException(
                        "user record " + index + " has no partition key index");
            }
            if (user.data == null) {
                throw new ProtobufReader.MalformedException(
                        "user record " + index + " has no data");
            }
            return user;
        }
    }
}
