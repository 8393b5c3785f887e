package io.github.flinkkinesis.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HashKeyRangeTest {

    private static final BigInteger MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    @Test
    void boundsAreInclusive() {
        HashKeyRange range = HashKeyRange.of("10", "20");
        assertThat(range.contains(BigInteger.valueOf(9))).isFalse();
        assertThat(range.contains(BigInteger.valueOf(10))).isTrue();
        assertThat(range.contains(BigInteger.valueOf(20))).isTrue();
        assertThat(range.contains(BigInteger.valueOf(21))).isFalse();
        assertThat(HashKeyRange.of(BigInteger.ZERO, MAX).contains(MAX)).isTrue();
        assertThat(HashKeyRange.MAX_HASH_KEY).isEqualTo(MAX);
    }

    @Test
    void theRangeOfListShardsOrNullWhenItGaveNone() {
        assertThat(
                        HashKeyRange.ofNullable(
                                software.amazon.awssdk.services.kinesis.model.HashKeyRange.builder()
                                        .startingHashKey("0")
                                        .endingHashKey(MAX.toString())
                                        .build()))
                .isEqualTo(HashKeyRange.of(BigInteger.ZERO, MAX));
        assertThat(HashKeyRange.ofNullable(null)).isNull();
        assertThat(
                        HashKeyRange.ofNullable(
                                software.amazon.awssdk.services.kinesis.model.HashKeyRange.builder()
                                        .startingHashKey("0")
                                        .build()))
                .isNull();
    }

    @Test
    void invalidRangesAreRejected() {
        assertThatThrownBy(() -> HashKeyRange.of("20", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[20, 10]");
        assertThatThrownBy(() -> HashKeyRange.of(BigInteger.ONE.negate(), BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashKeyRange.of(BigInteger.ZERO, MAX.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashKeyRange.of("0", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashKeysAreComparedByTheirSignificantDigits() {
        String max = HashKeyRange.MAX_HASH_KEY.toString();
        String aboveMax = HashKeyRange.MAX_HASH_KEY.add(BigInteger.ONE).toString();
        assertThat(HashKeyRange.hashKeyProblem("0".repeat(100))).isNull();
        assertThat(HashKeyRange.hashKeyProblem("0".repeat(100) + max)).isNull();
        assertThat(HashKeyRange.hashKeyProblem("1" + "0".repeat(37))).isNull();
        assertThat(HashKeyRange.hashKeyProblem("00" + aboveMax))
                .isEqualTo("it is larger than 2^128-1");
        assertThat(HashKeyRange.hashKeyProblem("1" + "0".repeat(39)))
                .isEqualTo("it is larger than 2^128-1");
        assertThat(HashKeyRange.hashKeyProblem("1 ")).isEqualTo("' ' is not a decimal digit");
    }
}
