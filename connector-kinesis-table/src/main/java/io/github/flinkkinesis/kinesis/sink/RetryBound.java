package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;

/**
 * Bounds how long a record may keep failing with retryable errors ({@code
 * sink.retry.max-duration}): remembers when each record that is being retried first failed, and
 * says when the oldest of them has been failing for longer than the bound.
 *
 * <p>Records are known by identity: the writer hands the very entries it was told to retry back to
 * the next call. A record is forgotten once stored. Lifecycle: one per sink writer, called from the
 * SDK's completion threads (so synchronized), empty while nothing fails; entries restored from a
 * checkpoint start afresh.
 */
@Internal
final class RetryBound {

    private final long maxNanos;
    private final LongSupplier nanoClock;
    private final Map<KinesisSinkEntry, Long> firstFailedAt = new IdentityHashMap<>();

    /**
     * @param maxMillis the bound; 0 for none
     * @param nanoClock as {@link System#nanoTime()}
     */
    RetryBound(long maxMillis, LongSupplier nanoClock) {
        this.maxNanos = maxMillis * 1_000_000L;
        this.nanoClock = nanoClock;
    }

    /** These records were stored: they no longer count. */
    synchronized void stored(List<KinesisSinkEntry> entries) {
        if (firstFailedAt.isEmpty()) {
            return;
        }
        for (KinesisSinkEntry e : entries) {
            firstFailedAt.remove(e);
        }
    }

    /**
     * These records failed (again) with a retryable error. Returns how many ms the oldest record
     * still being retried has been failing when that is past the bound, else -1.
     */
    synchronized long failed(List<KinesisSinkEntry> entries) {
        if (maxNanos <= 0) {
            return -1;
        }
        long now = nanoClock.getAsLong();
        long oldest = now;
        for (KinesisSinkEntry e : entries) {
            oldest = Math.min(oldest, firstFailedAt.computeIfAbsent(e, k -> now));
        }
        long failingFor = now - oldest;
        return failingFor > maxNanos ? failingFor / 1_000_000L : -1;
    }

    /** Records that failed and were not stored since. */
    synchronized int pending() {
        return firstFailedAt.size();
    }
}
