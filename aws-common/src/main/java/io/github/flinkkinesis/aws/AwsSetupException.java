package io.github.flinkkinesis.aws;

import org.apache.flink.annotation.PublicEvolving;

/**
 * An AWS call failed for a reason the user has to fix (a stream that does not exist, credentials
 * that cannot be found or are rejected, a region or endpoint that cannot be reached, access
 * denied), and its message is the one sentence that says what to do, naming the option concerned.
 *
 * <p>The SDK's exception is attached as a <em>suppressed</em> exception, not as the cause. SQL
 * clients print the deepest cause of a failure and nothing else (the SQL Client, and the SQL
 * Gateway's answers to the JDBC driver), so a cause would replace this sentence with the SDK's own
 * message; logs and stack traces still show the SDK's exception in full, under "Suppressed".
 */
@PublicEvolving
public class AwsSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AwsSetupException(String message, Throwable sdkFailure) {
        super(message);
        if (sdkFailure != null) {
            addSuppressed(sdkFailure);
        }
    }
}
