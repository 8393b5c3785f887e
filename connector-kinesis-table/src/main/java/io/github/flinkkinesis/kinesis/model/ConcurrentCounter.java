package io.github.flinkkinesis.kinesis.model;

import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;

/**
 * A {@link Counter} that several threads may increment at the same time: the sink's SDK callback
 * threads, a source reader's fetcher threads. Flink's {@code SimpleCounter} is not thread-safe and
 * its thread-safe counter is internal API, so source and sink share this small one on the public
 * {@link Counter} interface.
 */
@Internal
public final class ConcurrentCounter implements Counter {

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
