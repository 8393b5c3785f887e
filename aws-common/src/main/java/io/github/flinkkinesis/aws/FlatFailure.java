package io.github.flinkkinesis.aws;

import org.apache.flink.annotation.Internal;

/**
 * A copy of an exception and its causes as one exception without a cause: its message is the chain,
 * {@code a: m1 <- b: m2 <- ...}, and its stack trace is the original's.
 *
 * <p>It exists for one reason. The SQL Client does not print an exception that comes back from its
 * gateway; it prints the line after the <em>last</em> {@code "Caused by:"} in the exception's text.
 * An exception meant to be read there (see {@link AwsSetupException}) therefore keeps the failure
 * behind it as a suppressed {@code FlatFailure}: every message and the top stack trace stay in logs
 * and in the web UI, and no {@code "Caused by:"} follows the sentence the user needs.
 */
@Internal
public final class FlatFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private FlatFailure(String message, StackTraceElement[] stackTrace) {
        super(message, null, false, true);
        setStackTrace(stackTrace);
    }

    /** The flat copy of {@code failure} and its causes (at most 20). */
    public static FlatFailure of(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (depth > 0) {
                chain.append(" <- ");
            }
            chain.append(t);
        }
        return new FlatFailure(chain.toString(), failure.getStackTrace());
    }

    /** Adds the flat copy of {@code failure} to {@code target} as suppressed; returns target. */
    public static <T extends Throwable> T suppressInto(T target, Throwable failure) {
        if (failure != null) {
            target.addSuppressed(of(failure));
        }
        return target;
    }
}
