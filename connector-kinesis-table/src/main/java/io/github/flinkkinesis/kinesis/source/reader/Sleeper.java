package io.github.flinkkinesis.kinesis.source.reader;

import org.apache.flink.annotation.Internal;

/**
 * How the polling reader waits until a shard may be polled again; the real one can be woken up
 * early, tests use one that advances a fake clock.
 */
@Internal
interface Sleeper {

    void sleep(long millis) throws InterruptedException;

    /** Ends a running {@link #sleep} early. */
    void wakeUp();
}
