package io.github.flinkkinesis.kinesis.source.reader;

/**
 * How the polling reader waits until a shard may be polled again; the real one can be woken up
 * early, tests use one that advances a fake clock.
 */
interface Sleeper {

    void sleep(long millis) throws InterruptedException;

    /** Ends a running {@link #sleep} early. */
    void wakeUp();
}
