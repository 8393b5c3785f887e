package io.github.flinkkinesis.testing.front;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The open shards of one stream by hash key range, to find the shard a record goes to exactly as
 * Kinesis does: the MD5 of the partition key's UTF-8 bytes read as an unsigned 128-bit integer (or
 * the explicit hash key, when given) falls into one open shard's [StartingHashKey, EndingHashKey].
 * An immutable value; a reshard makes a new one.
 */
final class ShardMap {

    /** One open shard's hash key range. */
    record Range(String shardId, BigInteger start, BigInteger end) {}

    private final TreeMap<BigInteger, Range> byStart = new TreeMap<>();

    ShardMap(List<Range> openShards) {
        for (Range r : openShards) {
            byStart.put(r.start(), r);
        }
    }

    /** The shard of the hash key, or null when no open shard covers it (the map is stale). */
    String shardOf(BigInteger hashKey) {
        Map.Entry<BigInteger, Range> e = byStart.floorEntry(hashKey);
        if (e == null || e.getValue().end().compareTo(hashKey) < 0) {
            return null;
        }
        return e.getValue().shardId();
    }

    /** The shard a record with this key goes to, or null when the map has no shard for it. */
    String shardOf(String partitionKey, String explicitHashKey) {
        return shardOf(hashKey(partitionKey, explicitHashKey));
    }

    int size() {
        return byStart.size();
    }

    /** The explicit hash key as a number if given, else the MD5 of the partition key. */
    static BigInteger hashKey(String partitionKey, String explicitHashKey) {
        if (explicitHashKey != null) {
            return new BigInteger(explicitHashKey);
        }
        return md5(partitionKey);
    }

    /** The MD5 of the key's UTF-8 bytes as an unsigned 128-bit integer, as Kinesis hashes it. */
    static BigInteger md5(String partitionKey) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("MD5")
                            .digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
