package io.github.flinkkinesis.testing.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing a record to its shard as Kinesis does: MD5 of the key, or the explicit hash key. */
class ShardMapTest {

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);

    /**
     * Two shards split as CreateStream splits the key space: [0, 2^127 - 1] and [2^127, 2^128 - 1].
     */
    private static final ShardMap TWO_SHARDS =
            new ShardMap(
                    List.of(
                            new ShardMap.Range(
                                    "shardId-000000000000",
                                    BigInteger.ZERO,
                                    HALF.subtract(BigInteger.ONE)),
                            new ShardMap.Range("shardId-000000000001", HALF, MAX)));

    @Test
    void hashKeyIsTheUnsignedMd5OfTheUtf8Key() throws Exception {
        // RFC 1321 test vectors, read as unsigned 128-bit integers
        assertThat(ShardMap.md5(""))
                .isEqualTo(new BigInteger("d41d8cd98f00b204e9800998ecf8427e", 16));
        assertThat(ShardMap.md5("a"))
                .isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
        assertThat(ShardMap.md5("abc"))
                .isEqualTo(new BigInteger("900150983cd24fb0d6963f7d28e17f72", 16));
        // a digest with the top bit set stays positive (unsigned)
        assertThat(ShardMap.md5("abc").signum()).isPositive();
        // UTF-8, not the platform charset: "\u00e9" hashes as the two bytes C3 A9
        assertThat(ShardMap.md5("\u00e9"))
                .isEqualTo(new BigInteger(1, md5(new byte[] {(byte) 0xC3, (byte) 0xA9})));
    }

    private static byte[] md5(byte[] bytes) throws Exception {
        return java.security.MessageDigest.getInstance("MD5").digest(bytes);
    }

    @Test
    void keysGoToTheShardWhoseRangeHoldsTheirHash() {
        // MD5("a") starts with 0x0c: the low half; MD5("abc") with 0x90: the high half
        assertThat(TWO_SHARDS.shardOf("a", null)).isEqualTo("shardId-000000000000");
        assertThat(TWO_SHARDS.shardOf("abc", null)).isEqualTo("shardId-000000000001");
    }

    @Test
    void explicitHashKeyWinsOverThePartitionKey() {
        assertThat(TWO_SHARDS.shardOf("abc", "0")).isEqualTo("shardId-000000000000");
        assertThat(TWO_SHARDS.shardOf("a", MAX.toString())).isEqualTo("shardId-000000000001");
        assertThat(TWO_SHARDS.shardOf("a", HALF.subtract(BigInteger.ONE).toString()))
                .isEqualTo("shardId-000000000000");
        assertThat(TWO_SHARDS.shardOf("a", HALF.toString())).isEqualTo("shardId-000000000001");
    }

    @Test
    void aHashOutsideTheOpenShardsHasNoShard() {
        ShardMap lowOnly =
                new ShardMap(
                        List.of(
                                new ShardMap.Range(
                                        "shardId-000000000000",
                                        BigInteger.ZERO,
                                        HALF.subtract(BigInteger.ONE))));
        assertThat(lowOnly.shardOf("abc", null)).isNull();
        assertThat(lowOnly.shardOf("a", null)).isEqualTo("shardId-000000000000");
    }
}
