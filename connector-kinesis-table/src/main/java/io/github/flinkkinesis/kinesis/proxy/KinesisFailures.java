package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.aws.AwsFailures;
import io.github.flinkkinesis.aws.AwsSetupException;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Turns a failed Kinesis call into the sentence a user can act on: a stream that does not exist,
 * access denied to the action, and whatever {@link AwsFailures} knows for every AWS service
 * (credentials not found or rejected, a region or endpoint that cannot be reached). The source and
 * the sink throw it as an {@link AwsSetupException}, whose message is what SQL clients print.
 */
@Internal
public final class KinesisFailures {

    private KinesisFailures() {}

    /**
     * The user-facing exception for {@code failure} of the Kinesis action {@code action} (e.g.
     * {@code ListShards}) on {@code stream} (null for an action on no one stream, ListStreams), or
     * empty when it is not a configuration problem.
     */
    public static Optional<AwsSetupException> explain(
            Throwable failure, @Nullable StreamId stream, String action) {
        return advice(failure, stream, action).map(a -> new AwsSetupException(a, failure));
    }

    static Optional<String> advice(Throwable failure, @Nullable StreamId stream, String action) {
        String code = AwsFailures.errorCode(failure);
        if ("ResourceNotFoundException".equals(code) && stream != null) {
            return Optional.of(
                    "Kinesis stream '"
                            + stream
                            + "' does not exist ("
                            + action
                            + "): create it, or fix the table's 'stream.arn' (the stream's name or"
                            + " ARN), 'aws.region' or 'aws.endpoint'.");
        }
        if ("AccessDeniedException".equals(code) || "AccessDenied".equals(code)) {
            return Optional.of(
                    "Access denied: the table's AWS credentials may not call kinesis:"
                            + action
                            + (stream == null ? "" : " on stream '" + stream + "'")
                            + ": grant it in IAM to the credentials chosen by"
                            + " 'aws.credentials.provider'.");
        }
        return AwsFailures.advice(failure, "Kinesis");
    }
}
