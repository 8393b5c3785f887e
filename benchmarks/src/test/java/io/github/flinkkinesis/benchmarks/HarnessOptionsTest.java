package io.github.flinkkinesis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HarnessOptionsTest {

    @Test
    void defaultsMeasureBothConnectorsWithLatency() {
        HarnessOptions o = HarnessOptions.parse(new String[0]);
        assertThat(o.rows()).isEqualTo(1_000_000);
        assertThat(o.flavours()).containsExactly("ours", "official");
        assertThat(o.latencySeconds()).isPositive();
        assertThat(o.profile()).isFalse();
    }

    @Test
    void optionsAreParsed() {
        HarnessOptions o =
                HarnessOptions.parse(
                        new String[] {
                            "--rows",
                            "5000",
                            "--only",
                            "official",
                            "--latency-seconds",
                            "0",
                            "--profile",
                            "--parallelism",
                            "2",
                            "--repeat",
                            "3",
                            "--flink-conf",
                            "pipeline.object-reuse=true"
                        });
        assertThat(o.rows()).isEqualTo(5000);
        assertThat(o.flavours()).containsExactly("official");
        assertThat(o.latencySeconds()).isZero();
        assertThat(o.profile()).isTrue();
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.repeat()).isEqualTo(3);
        assertThat(o.flinkConf()).containsExactly("pipeline.object-reuse=true");
    }

    @Test
    void mistakesNameTheOptionAndTheAllowedValues() {
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--only", "both"}))
                .hasMessageContaining("--only")
                .hasMessageContaining("ours or official");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--rowz", "1"}))
                .hasMessageContaining("unknown option --rowz")
                .hasMessageContaining("usage");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--latency-rate", "150"}))
                .hasMessageContaining("multiple of 100");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--flink-conf", "reuse"}))
                .hasMessageContaining("KEY=VALUE");
    }

    @Test
    void versionsAreReadFromJarNamesOnTheClassPath() {
        String cp =
                String.join(
                        java.io.File.pathSeparator,
                        "/m2/org/apache/flink/flink-core-api/1.19.3/flink-core-api-1.19.3.jar",
                        "/m2/org/apache/flink/flink-core/1.19.3/flink-core-1.19.3.jar",
                        "/m2/x/flink-connector-kinesis-4.3.0-1.19.jar");
        assertThat(Harness.jarVersion(cp, "flink-core")).isEqualTo("1.19.3");
        assertThat(Harness.jarVersion(cp, "flink-connector-kinesis")).isEqualTo("4.3.0-1.19");
        assertThat(Harness.jarVersion(cp, "flink-json")).isEqualTo("?");
    }
}
