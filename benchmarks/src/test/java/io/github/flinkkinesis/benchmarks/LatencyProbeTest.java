package io.github.flinkkinesis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyProbeTest {

    @Test
    void nearestRankPercentiles() {
        double[] sorted = new double[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1; // 1..100
        }
        assertThat(LatencyProbe.percentile(sorted, 0.50)).isEqualTo(50.0);
        assertThat(LatencyProbe.percentile(sorted, 0.99)).isEqualTo(99.0);
        assertThat(LatencyProbe.percentile(new double[] {7}, 0.99)).isEqualTo(7.0);
        assertThat(LatencyProbe.percentile(new double[0], 0.5)).isNaN();
    }
}
