package io.github.flinkkinesis.kinesis.source.reader;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.annotation.Internal;

/**
 * How long a shard waits after Kinesis throttled a GetRecords call on it
 * (ProvisionedThroughputExceeded, LimitExceeded) or the call failed transiently (5xx, no answer):
 * an exponential backoff with jitter, {@value #BASE_MILLIS} ms doubling per throttled call in a row
 * up to {@value #MAX_MILLIS} ms, plus up to 20% at random so that shards throttled together do not
 * retry together.
 *
 * <p>Owns the count of throttled calls in a row. Lifecycle: one per shard being polled, in its
 * {@link ShardPollState}; touched only by the fetcher thread; an answer resets it.
 */
@Internal
final class ThrottlingBackoff {

    static final long BASE_MILLIS = 100;
    static final long MAX_MILLIS = 10_000;

    private int throttledCallsInARow;

    /** Counts one more throttled call and returns how long to wait before the next one. */
    long throttled() {
        throttledCallsInARow++;
        return delayMillis(throttledCallsInARow);
    }

    /** A call was answered: the next throttled call starts from the base delay again. */
    void reset() {
        throttledCallsInARow = 0;
    }

    int throttledCallsInARow() {
        return throttledCallsInARow;
    }

    /** Base * 2^(n-1), capped, plus up to 20% random. */
    static long delayMillis(int throttledCallsInARow) {
        int exponent = Math.min(throttledCallsInARow - 1, 20);
        long delay = Math.min(MAX_MILLIS, BASE_MILLIS << exponent);
        return delay + ThreadLocalRandom.current().nextLong(delay / 5 + 1);
    }
}
