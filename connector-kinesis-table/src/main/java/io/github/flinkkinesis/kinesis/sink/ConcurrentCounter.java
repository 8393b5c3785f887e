package io.github.flinkkinesis.kinesis.sink;

import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;

/**
 * A {@link Counter} that SDK callback threads may increment concurrently. Flink's own thread-safe
 * counter is internal API, so the sink keeps this small one on the public {@link Counter}
 * interface.
 */
@Internal
final class ConcurrentCounter implements Counter {

    private final LongAdder count = new LongAdder();

    @Override
    public void inc() {
        count.increment();
    }

    @Override
    public void inc(long n) {
        count.add(n);
    }

    @Override
    public void dec() {
        count.decrement();
    }

    @Override
    public void dec(long n) {
        count.add(-n);
    }

    @Override
    public long getCount() {
        return count.sum();
    }
}
