package io.github.flinkkinesis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.benchmarks.job.ProcCpu;
import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    void thisJvmHasUsedSomeCpuAndItOnlyGrows() {
        long before = ProcCpu.self();
        long spin = 0;
        long until = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < until) {
            spin += 1 + Long.numberOfTrailingZeros(spin);
        }
        long after = ProcCpu.self();
        assertThat(before).isPositive();
        assertThat(after).isGreaterThanOrEqualTo(before);
        assertThat(spin).isPositive();
    }

    @Test
    void threadsOfThisJvmAreNamedAndSumToAboutTheProcessTotal() {
        var threads = ProcCpu.threadsOfSelf();
        // the launcher's main thread keeps the process name ("java"); HotSpot's threads have theirs
        assertThat(threads).containsKey("java").containsKey("VM Thread");
        long sum = threads.values().stream().mapToLong(Long::longValue).sum();
        // threads that ended earlier are no longer listed, so the sum can only be smaller
        assertThat(sum).isPositive().isLessThanOrEqualTo(ProcCpu.self() + 20_000_000L);
    }

    @Test
    void anUnknownProcessReadsAsMinusOne() {
        assertThat(ProcCpu.ofPid(-5)).isEqualTo(-1);
        assertThat(ProcCpu.ofPid(Integer.MAX_VALUE)).isEqualTo(-1);
    }
}
