package io.github.flinkkinesis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchRowsTest {

    @Test
    void rowsAreAboutOneHundredBytesOfJsonWithTheSchemaOfTheSqlTables() {
        BenchRows gen = new BenchRows(1);
        long total = 0;
        for (long id = 1; id <= 10_000; id++) {
            byte[] row = gen.row(id);
            total += row.length;
        }
        assertThat(total / 10_000.0).isBetween(95.0, 120.0);
        String one = new String(gen.row(42), StandardCharsets.UTF_8);
        assertThat(one)
                .startsWith("{\"id\":42,\"name\":\"")
                .contains("\"amount\":", "\"qty\":", "\"ts\":\"2026-01-01 00:00:00.042\"");
    }

    @Test
    void idOfReadsTheIdOfOurRowsAndOfFlinkJson() {
        BenchRows gen = new BenchRows(1);
        assertThat(BenchRows.idOf(gen.row(123_456))).isEqualTo(123_456);
        assertThat(BenchRows.idOf(gen.row(-7))).isEqualTo(-7);
        assertThat(BenchRows.idOf("{\"id\":9,\"name\":null}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(9);
        assertThat(BenchRows.idOf("{\"x\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }
}
