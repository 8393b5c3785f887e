package io.github.flinkkinesis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.flinkkinesis.benchmarks.job.Marks;
import io.github.flinkkinesis.benchmarks.job.ThreadCpu;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PhaseResultTest {

    private static Properties marks() {
        Properties p = new Properties();
        p.setProperty(Marks.ROWS, "100000");
        p.setProperty(Marks.DISTINCT_IDS, "100000");
        p.setProperty(Marks.ROWS_AT_FIRST, "20000");
        p.setProperty(Marks.FIRST_NANOS, "1000000000");
        p.setProperty(Marks.LAST_NANOS, "5000000000"); // 80,000 rows in 4 s
        p.setProperty(Marks.JVM_START_MILLIS, "10000");
        p.setProperty(Marks.END_MILLIS, "20000"); // 100,000 rows in 10 s
        p.setProperty(Marks.CPU_FIRST, "3000000000");
        p.setProperty(Marks.CPU_LAST, "5400000000"); // 2.4 s CPU for 80,000 rows
        p.setProperty(Marks.CPU_END, "8000000000");
        p.setProperty(Marks.SERVER_CPU_FIRST, "100000000");
        p.setProperty(Marks.SERVER_CPU_LAST, "1700000000"); // 1.6 s
        p.setProperty(ThreadCpu.JIT_CPU, "800000000"); // 0.8 s of the 2.4 s
        p.setProperty(Marks.BYTES, "11000000");
        return p;
    }

    @Test
    void steadyStateCountsOnlyTheRowsInsideTheWindow() {
        PhaseResult r = PhaseResult.compute("x", marks(), 2_000_000_000L);

        assertThat(r.steadyRowsPerSecond).isCloseTo(20_000.0, within(1e-6));
        assertThat(r.cpuMicrosPerRowSteady).isCloseTo(30.0, within(1e-6));
        assertThat(r.cpuMicrosPerRowSteadyWithoutJit).isCloseTo(20.0, within(1e-6));
        assertThat(r.serverCpuMicrosPerRowSteady).isCloseTo(20.0, within(1e-6));
    }

    @Test
    void endToEndIncludesJvmStartUp() {
        PhaseResult r = PhaseResult.compute("x", marks(), 2_000_000_000L);

        assertThat(r.endToEndRowsPerSecond).isCloseTo(10_000.0, within(1e-6));
        assertThat(r.cpuMicrosPerRowEndToEnd).isCloseTo(80.0, within(1e-6));
        assertThat(r.serverCpuMicrosPerRowEndToEnd).isCloseTo(20.0, within(1e-6));
        assertThat(r.bytesPerRow).isCloseTo(110.0, within(1e-6));
    }

    @Test
    void aMissingMarkIsAnErrorNamingIt() {
        Properties p = marks();
        p.remove(Marks.LAST_NANOS);

        assertThatThrownBy(() -> PhaseResult.compute("x", p, 0))
                .hasMessageContaining(Marks.LAST_NANOS);
    }

    @Test
    void roundsAreSummarizedByTheMedianOfEachFigure() {
        Properties slow = marks();
        slow.setProperty(Marks.LAST_NANOS, "9000000000"); // 80,000 rows in 8 s
        Properties fast = marks();
        fast.setProperty(Marks.LAST_NANOS, "3000000000"); // 80,000 rows in 2 s
        PhaseResult median =
                PhaseResult.median(
                        "x",
                        java.util.List.of(
                                PhaseResult.compute("x", slow, 0),
                                PhaseResult.compute("x", marks(), 0),
                                PhaseResult.compute("x", fast, 0)));

        assertThat(median.steadyRowsPerSecond).isCloseTo(20_000.0, within(1e-6));
        assertThat(median.cpuMicrosPerRowSteady).isCloseTo(30.0, within(1e-6));
        assertThat(median.rows).isEqualTo(100_000);
    }
}
