package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordKeyRulesTest {

    @Test
    void partitionKeyMustBePresentAndNotEmpty() {
        assertThatThrownBy(() -> RecordKeyRules.checkPartitionKey(null, "column 'pk'"))
                .isInstanceOf(KinesisSinkException.class)
                .hasMessageContaining("from column 'pk' is null");
        assertThatThrownBy(() -> RecordKeyRules.checkPartitionKey("", "column 'pk'"))
                .hasMessageContaining("from column 'pk' is empty");
        assertThat(RecordKeyRules.checkPartitionKey("k", "x")).isEqualTo("k");
    }

    @Test
    void partitionKeyLimitIs256CharactersNotUtf16Units() {
        String emoji256 = "😀".repeat(256); // 512 UTF-16 units, 256 characters
        assertThat(RecordKeyRules.checkPartitionKey(emoji256, "x")).isEqualTo(emoji256);
        assertThat(RecordKeyRules.checkPartitionKey("a".repeat(256), "x")).hasSize(256);
        assertThatThrownBy(() -> RecordKeyRules.checkPartitionKey("a".repeat(257), "the column"))
                .hasMessageContaining("from the column has 257 characters")
                .hasMessageContaining("256");
    }

    @Test
    void truncatesToTheFirst256Characters() {
        assertThat(RecordKeyRules.truncate("abc")).isEqualTo("abc");
        assertThat(RecordKeyRules.truncate("x".repeat(300))).isEqualTo("x".repeat(256));
        String emojis = "😀".repeat(300);
        String cut = RecordKeyRules.truncate(emojis);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(256);
        assertThat(RecordKeyRules.truncate("😀".repeat(200))).isEqualTo("😀".repeat(200));
    }

    @Test
    void explicitHashKeyMustBeADecimalIn128Bits() {
        String max = "340282366920938463463374607431768211455";
        assertThat(RecordKeyRules.checkExplicitHashKey(null, "x")).isNull();
        assertThat(RecordKeyRules.checkExplicitHashKey("0", "x")).isEqualTo("0");
        assertThat(RecordKeyRules.checkExplicitHashKey(max, "x")).isEqualTo(max);
        assertThat(RecordKeyRules.checkExplicitHashKey("000" + max, "x")).isEqualTo("000" + max);
        assertThatThrownBy(
                        () ->
                                RecordKeyRules.checkExplicitHashKey(
                                        "340282366920938463463374607431768211456", "the column"))
                .hasMessageContaining("larger than 2^128-1")
                .hasMessageContaining("from the column");
        assertThatThrownBy(() -> RecordKeyRules.checkExplicitHashKey("-1", "x"))
                .hasMessageContaining("'-' is not a decimal digit");
        assertThatThrownBy(() -> RecordKeyRules.checkExplicitHashKey("12a", "x"))
                .hasMessageContaining("'a' is not a decimal digit");
        assertThatThrownBy(() -> RecordKeyRules.checkExplicitHashKey("", "x"))
                .hasMessageContaining("it is empty");
        assertThatThrownBy(() -> RecordKeyRules.checkExplicitHashKey("9".repeat(40), "x"))
                .hasMessageContaining("larger than 2^128-1");
    }
}
