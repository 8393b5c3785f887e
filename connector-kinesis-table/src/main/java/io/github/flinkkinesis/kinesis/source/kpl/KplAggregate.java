package io.github.flinkkinesis.kinesis.source.kpl;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * One KPL aggregated record as {@link KplAggregateParser} read it: the partition key table, the
 * explicit hash key table and the user records, every index already checked against its table.
 * Knows what Kinesis makes of each user record: its effective hash key (its explicit hash key, else
 * the MD5 digest of its partition key's UTF-8 bytes as an unsigned 128-bit integer) and the {@link
 * Record} it becomes.
 *
 * <p>Lifecycle: made by the parser for one Kinesis record and dropped once that record is handled,
 * in the parser's thread. It hashes with the parser's MD5 digest (each partition key at most once,
 * the KPL writes each key once in the table), so it must not be used after the parser's next call.
 */
@Internal
final class KplAggregate {

    /** The explicit hash key index of a user record that has none. */
    static final int NO_EXPLICIT_HASH_KEY = -1;

    private final List<String> partitionKeys;
    private final List<BigInteger> explicitHashKeys;
    private final List<UserRecord> userRecords;
    private final MessageDigest md5;
    private final BigInteger[] partitionKeyHashes;

    KplAggregate(
            List<String> partitionKeys,
            List<BigInteger> explicitHashKeys,
            List<UserRecord> userRecords,
            MessageDigest md5) {
        this.partitionKeys = partitionKeys;
        this.explicitHashKeys = explicitHashKeys;
        this.userRecords = userRecords;
        this.md5 = md5;
        this.partitionKeyHashes = new BigInteger[partitionKeys.size()];
    }

    /** Whether user record {@code index} names its own explicit hash key. */
    boolean hasExplicitHashKey(int index) {
        return userRecords.get(index).explicitHashKeyIndex != NO_EXPLICIT_HASH_KEY;
    }

    /** The hash key that decides the shard of user record {@code index}. */
    BigInteger hashKey(int index) {
        UserRecord user = userRecords.get(index);
        if (user.explicitHashKeyIndex != NO_EXPLICIT_HASH_KEY) {
            return explicitHashKeys.get(user.explicitHashKeyIndex);
        }
        int key = user.partitionKeyIndex;
        if (partitionKeyHashes[key] == null) {
            byte[] utf8 = partitionKeys.get(key).getBytes(StandardCharsets.UTF_8);
            partitionKeyHashes[key] = new BigInteger(1, md5.digest(utf8));
        }
        return partitionKeyHashes[key];
    }

    /** The index of the first user record whose hash key is outside {@code range}, or -1. */
    int firstUserRecordOutside(HashKeyRange range) {
        for (int i = 0; i < userRecords.size(); i++) {
            if (!range.contains(hashKey(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The user records in their order (index = sub-sequence number), each as a {@link Record} with
     * {@code enclosing}'s sequence number, arrival time and encryption type, its own partition key
     * and its own data.
     */
    List<Record> toRecords(Record enclosing) {
        List<Record> records = new ArrayList<>(userRecords.size());
        for (UserRecord user : userRecords) {
            records.add(
                    enclosing.toBuilder()
                            .partitionKey(partitionKeys.get(user.partitionKeyIndex))
                            .data(SdkBytes.fromByteArrayUnsafe(user.data))
                            .build());
        }
        return records;
    }

    /** The fields of one protobuf {@code Record} that matter, indexes checked. */
    static final class UserRecord {
        final int partitionKeyIndex;
        final int explicitHashKeyIndex;
        final byte[] data;

        /**
         * @param explicitHashKeyIndex {@link #NO_EXPLICIT_HASH_KEY} when the user record has none
         */
        UserRecord(int partitionKeyIndex, int explicitHashKeyIndex, byte[] data) {
            this.partitionKeyIndex = partitionKeyIndex;
            this.explicitHashKeyIndex = explicitHashKeyIndex;
            this.data = data;
        }
    }
}
