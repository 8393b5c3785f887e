package io.github.flinkkinesis.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Increments from several threads at once are all counted. */
class ConcurrentCounterTest {

    @Test
    void concurrentIncrementsAreAllCounted() throws InterruptedException {
        ConcurrentCounter counter = new ConcurrentCounter();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread =
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                                for (int i = 0; i < 10_000; i++) {
                                    counter.inc();
                                    counter.inc(2);
                                    counter.dec();
                                }
                            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(counter.getCount()).isEqualTo(4 * 10_000 * 2L);
        counter.dec(80_000);
        assertThat(counter.getCount()).isZero();
    }
}
