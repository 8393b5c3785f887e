package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KinesisKeysTest {

    @Test
    void partitionKeyMustBePresentAndNotEmpty() {
        assertThatThrownBy(() -> KinesisKeys.checkPartitionKey(null, "column 'pk'"))
                .isInstanceOf(KinesisSinkException.class)
                .hasMessageContaining("from column 'pk' is null");
        assertThatThrownBy(() -> KinesisKeys.checkPartitionKey("", "column 'pk'"))
                .hasMessageContaining("from column 'pk' is empty");
        assertThat(KinesisKeys.checkPartitionKey("k", "x")).isEqualTo("k");
    }

    @Test
    void partitionKeyLimitIs256CharactersNotUtf16Units() {
        String emoji256 = "😀".repeat(256); // 512 UTF-16 units, 256 characters
        assertThat(KinesisKeys.checkPartitionKey(emoji256, "x")).isEqualTo(emoji256);
        assertThat(KinesisKeys.checkPartitionKey("a".repeat(256), "x")).hasSize(256);
        assertThatThrownBy(() -> KinesisKeys.checkPartitionKey("a".repeat(257), "the column"))
                .hasMessageContaining("from the column has 257 characters")
                .hasMessageContaining("256");
    }

    @Test
    void truncatesToTheFirst256Characters() {
        assertThat(KinesisKeys.truncate("abc")).isEqualTo("abc");
        assertThat(KinesisKeys.truncate("x".repeat(300))).isEqualTo("x".repeat(256));
        String emojis = "😀".repeat(300);
        String cut = KinesisKeys.truncate(emojis);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(256);
        assertThat(KinesisKeys.truncate("😀".repeat(200))).isEqualTo("😀".repeat(200));
    }

    @Test
    void explicitHashKeyMustBeADecimalIn128Bits() {
        String max = "340282366920938463463374607431768211455";
        assertThat(KinesisKeys.checkExplicitHashKey(null, "x")).isNull();
        assertThat(KinesisKeys.checkExplicitHashKey("0", "x")).isEqualTo("0");
        assertThat(KinesisKeys.checkExplicitHashKey(max, "x")).isEqualTo(max);
        assertThat(KinesisKeys.checkExplicitHashKey("000" + max, "x")).isEqualTo("000" + max);
        assertThatThrownBy(
                        () ->
                                KinesisKeys.checkExplicitHashKey(
                                        "340282366920938463463374607431768211456", "the column"))
                .hasMessageContaining("larger than 2^128-1")
                .hasMessageContaining("from the column");
        assertThatThrownBy(() -> KinesisKeys.checkExplicitHashKey("-1", "x"))
                .hasMessageContaining("'-' is not a decimal digit");
        assertThatThrownBy(() -> KinesisKeys.checkExplicitHashKey("12a", "x"))
                .hasMessageContaining("'a' is not a decimal digit");
        assertThatThrownBy(() -> KinesisKeys.checkExplicitHashKey("", "x"))
                .hasMessageContaining("it is empty");
        assertThatThrownBy(() -> KinesisKeys.checkExplicitHashKey("9".repeat(40), "x"))
                .hasMessageContaining("larger than 2^128-1");
    }
}
