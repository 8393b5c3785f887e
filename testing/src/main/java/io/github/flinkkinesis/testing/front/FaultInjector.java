package io.github.flinkkinesis.testing.front;

import java.util.Random;

/**
 * Decides, from one seeded random sequence, which calls and entries a {@link QuotaFront} fails. The
 * same seed gives the same sequence of decisions; which call gets which decision depends on the
 * order the calls arrive in. Counts what it injected. Thread-safe.
 */
final class FaultInjector {

    private final QuotaFrontConfig config;
    private final Random random;

    private long internalFailures;
    private long entryFailures;
    private long connectionResets;
    private long recordsInLostAnswers;
    private long slowResponses;

    FaultInjector(QuotaFrontConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    private boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    synchronized boolean internalFailure() {
        boolean yes = roll(config.internalFailureRate());
        if (yes) {
            internalFailures++;
        }
        return yes;
    }

    synchronized boolean entryFailure() {
        boolean yes = roll(config.entryFailureRate());
        if (yes) {
            entryFailures++;
        }
        return yes;
    }

    /** Whether to close the connection after the server answered, instead of answering. */
    synchronized boolean connectionReset() {
        return roll(config.connectionResetRate());
    }

    /**
     * A connection was closed after the server stored {@code storedRecords} records of the call.
     */
    synchronized void resetDone(long storedRecords) {
        connectionResets++;
        recordsInLostAnswers += storedRecords;
    }

    /** How long to hold this call back, 0 for not at all. */
    synchronized long slowResponseMillis() {
        if (roll(config.slowResponseRate())) {
            slowResponses++;
            return config.slowResponseDelay().toMillis();
        }
        return 0;
    }

    synchronized FaultCounts counts() {
        return new FaultCounts(
                internalFailures,
                entryFailures,
                connectionResets,
                recordsInLostAnswers,
                slowResponses);
    }
}
