package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Kinesis' rules for partition keys (1 to 256 Unicode characters) and explicit hash keys (a decimal
 * number from 0 to 2^128-1), checked before a record is buffered so that a bad key fails with a
 * message naming where it came from instead of an InvalidArgumentException for a whole batch.
 */
@Internal
final class RecordKeyRules {

    public static final int MAX_PARTITION_KEY_LENGTH = 256;

    private RecordKeyRules() {}

    /** Length in Unicode code points (what Kinesis' 256-character limit counts). */
    public static int length(String key) {
        return key.codePointCount(0, key.length());
    }

    /**
     * Cuts a key to its first 256 code points (for keys built from row fields, as documented);
     * short keys are returned as they are.
     */
    public static String truncate(String key) {
        if (key.length() <= MAX_PARTITION_KEY_LENGTH) {
            return key;
        }
        int cps = key.codePointCount(0, key.length());
        if (cps <= MAX_PARTITION_KEY_LENGTH) {
            return key;
        }
        return key.substring(0, key.offsetByCodePoints(0, MAX_PARTITION_KEY_LENGTH));
    }

    /**
     * Checks a partition key; {@code origin} says where it came from (e.g. "the 'partition-key'
     * metadata column") for the error.
     */
    public static String checkPartitionKey(@Nullable String key, String origin) {
        if (key == null) {
            throw new KinesisSinkException(
                    "The partition key from "
                            + origin
                            + " is null: Kinesis needs a key of 1 to 256 characters for every"
                            + " record.");
        }
        if (key.isEmpty()) {
            throw new KinesisSinkException(
                    "The partition key from "
                            + origin
                            + " is empty: Kinesis needs a key of 1 to 256 characters for every"
                            + " record.");
        }
        if (key.length() > MAX_PARTITION_KEY_LENGTH && length(key) > MAX_PARTITION_KEY_LENGTH) {
            throw new KinesisSinkException(
                    "The partition key from "
                            + origin
                            + " has "
                            + length(key)
                            + " characters, more than the 256 Kinesis allows. It starts with '"
                            + key.substring(0, 32)
                            + "...'.");
        }
        return key;
    }

    /** Checks an explicit hash key; null means none. */
    @Nullable
    public static String checkExplicitHashKey(@Nullable String key, String origin) {
        if (key == null) {
            return null;
        }
        String problem = HashKeyRange.hashKeyProblem(key);
        if (problem != null) {
            throw new KinesisSinkException(
                    "The explicit hash key '"
                            + (key.length() > 64 ? key.substring(0, 64) + "..." : key)
                            + "' from "
                            + origin
                            + " is invalid: "
                            + problem
                            + ". It must be a decimal number from 0 to 2^128-1 ("
                            + HashKeyRange.MAX_HASH_KEY
                            + ").");
        }
        return key;
    }
}
