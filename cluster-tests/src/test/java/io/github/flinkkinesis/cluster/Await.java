package io.github.flinkkinesis.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Polls a condition until it holds or a deadline passes. A probe that throws counts as "not yet" (a
 * REST API that is still starting, a job that does not exist yet); the last such exception is the
 * cause of the timeout, so a failure says what was awaited and what stood in the way. A probe that
 * throws {@link GiveUp} ends the wait at once (e.g. the process it waits for has died).
 */
final class Await {

    private static final long POLL_MILLIS = 250;

    private Await() {}

    /** Thrown by a probe when waiting longer cannot help. */
    static class GiveUp extends IllegalStateException {
        GiveUp(String message) {
            super(message);
        }
    }

    /** Waits until {@code probe} returns a value, and returns it. */
    static <T> T value(String what, Duration timeout, Callable<Optional<T>> probe)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = probe.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (GiveUp | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Timed out after "
                                + timeout.toSeconds()
                                + " s waiting for "
                                + what
                                + (last == null ? "" : " (last error: " + last + ")"),
                        last);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits until {@code condition} returns true. */
    static void until(String what, Duration timeout, Callable<Boolean> condition)
            throws InterruptedException {
        value(what, timeout, () -> condition.call() ? Optional.of(true) : Optional.empty());
    }

    /** Whether {@code condition} came true within {@code timeout} (no exception on a timeout). */
    static boolean within(Duration timeout, Callable<Boolean> condition)
            throws InterruptedException {
        try {
            until("a condition", timeout, condition);
            return true;
        } catch (GiveUp e) {
            throw e;
        } catch (IllegalStateException timedOut) {
            return false;
        }
    }
}
