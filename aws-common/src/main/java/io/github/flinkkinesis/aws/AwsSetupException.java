package io.github.flinkkinesis.aws;

import org.apache.flink.annotation.PublicEvolving;

/**
 * An AWS call failed for a reason the user has to fix (a stream that does not exist, credentials
 * that cannot be found or are rejected, a region or endpoint that cannot be reached, access
 * denied), and its message is the one sentence that says what to do, naming the option concerned.
 *
 * <p>The SDK's exception is attached as a <em>suppressed</em> {@link FlatFailure}, not as the
 * cause. SQL clients print one line of a failure: the SQL Client the deepest cause of a local
 * failure, or the line after the last {@code "Caused by:"} of one from its gateway; a cause would
 * replace this sentence with the SDK's own message. Logs and the web UI still show the SDK's
 * exception (its messages and stack trace) under "Suppressed".
 */
@PublicEvolving
public class AwsSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AwsSetupException(String message, Throwable sdkFailure) {
        super(message);
        FlatFailure.suppressInto(this, sdkFailure);
    }
}
