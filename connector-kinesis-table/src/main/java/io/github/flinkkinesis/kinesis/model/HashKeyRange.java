package io.github.flinkkinesis.kinesis.model;

import java.math.BigInteger;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The hash keys a shard owns: the closed interval [start, end] of unsigned 128-bit integers, as
 * ListShards reports them (decimal strings). A record belongs to the shard whose range holds its
 * hash key: its explicit hash key, or else the MD5 digest of its partition key. Immutable.
 */
@Internal
public final class HashKeyRange {

    /** The largest hash key, 2^128 - 1. */
    public static final BigInteger MAX_HASH_KEY =
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private static final String MAX_HASH_KEY_DECIMAL = MAX_HASH_KEY.toString();

    /**
     * Why {@code decimal} is not a hash key (a decimal number from 0 to 2^128-1; leading zeros
     * allowed), as a phrase for an error message, or null when it is one. Kinesis' rule for
     * explicit hash keys, shared by the sink (keys it writes) and the KPL de-aggregation (keys it
     * reads). Allocates nothing and never parses: a number is compared by its significant digits.
     */
    @Nullable
    public static String hashKeyProblem(String decimal) {
        if (decimal.isEmpty()) {
            return "it is empty";
        }
        int firstSignificant = -1;
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c < '0' || c > '9') {
                return "'" + c + "' is not a decimal digit";
            }
            if (firstSignificant < 0 && c != '0') {
                firstSignificant = i;
            }
        }
        int significant = firstSignificant < 0 ? 0 : decimal.length() - firstSignificant;
        boolean tooLarge =
                significant > MAX_HASH_KEY_DECIMAL.length()
                        || (significant == MAX_HASH_KEY_DECIMAL.length()
                                && decimal.substring(firstSignificant)
                                                .compareTo(MAX_HASH_KEY_DECIMAL)
                                        > 0);
        return tooLarge ? "it is larger than 2^128-1" : null;
    }

    private final BigInteger start;
    private final BigInteger end;

    private HashKeyRange(BigInteger start, BigInteger end) {
        this.start = start;
        this.end = end;
    }

    /**
     * The range [{@code start}, {@code end}].
     *
     * @throws IllegalArgumentException when a bound is outside [0, 2^128 - 1] or start > end
     */
    public static HashKeyRange of(BigInteger start, BigInteger end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.signum() < 0 || end.compareTo(MAX_HASH_KEY) > 0 || start.compareTo(end) > 0) {
            throw new IllegalArgumentException(
                    "Not a hash key range within [0, 2^128-1]: [" + start + ", " + end + "]");
        }
        return new HashKeyRange(start, end);
    }

    /** The range of decimal bounds, as ListShards gives them. */
    public static HashKeyRange of(String start, String end) {
        return of(new BigInteger(start), new BigInteger(end));
    }

    /** The range that ListShards reported for a shard, or null when it reported none. */
    @Nullable
    public static HashKeyRange ofNullable(
            @Nullable software.amazon.awssdk.services.kinesis.model.HashKeyRange range) {
        if (range == null || range.startingHashKey() == null || range.endingHashKey() == null) {
            return null;
        }
        return of(range.startingHashKey(), range.endingHashKey());
    }

    public BigInteger start() {
        return start;
    }

    public BigInteger end() {
        return end;
    }

    public boolean contains(BigInteger hashKey) {
        return start.compareTo(hashKey) <= 0 && hashKey.compareTo(end) <= 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HashKeyRange)) {
            return false;
        }
        HashKeyRange that = (HashKeyRange) o;
        return start.equals(that.start) && end.equals(that.end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + "]";
    }
}
