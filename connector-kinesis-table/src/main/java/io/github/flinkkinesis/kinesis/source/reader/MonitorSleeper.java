package io.github.flinkkinesis.kinesis.source.reader;

import org.apache.flink.annotation.Internal;

/**
 * The production {@link Sleeper}: waits on a monitor that {@link #wakeUp()} notifies, so that a
 * fetcher waiting for its shards' next call notices new splits and shutdown at once. A wake-up that
 * comes while nobody sleeps ends the next sleep at once.
 *
 * <p>Lifecycle: one per {@link PollingSplitReader}; the fetcher thread sleeps, any thread wakes it.
 */
@Internal
final class MonitorSleeper implements Sleeper {

    private final Object lock = new Object();
    private boolean wakeUpRequested;

    @Override
    public void sleep(long millis) throws InterruptedException {
        if (millis <= 0) {
            return;
        }
        synchronized (lock) {
            if (!wakeUpRequested) {
                lock.wait(millis);
            }
            wakeUpRequested = false;
        }
    }

    @Override
    public void wakeUp() {
        synchronized (lock) {
            wakeUpRequested = true;
            lock.notifyAll();
        }
    }
}
