package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.aws.AwsFailures;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Decides, in one place, whether a PutRecords failure is retried or fails the job, and says what
 * the user should do about a fatal one.
 *
 * <p>Two kinds of failure reach the sink: a whole call that failed ({@link #classify(Throwable)},
 * an SDK exception) and single entries that Kinesis rejected inside a successful call ({@link
 * #classifyEntryError(String)}, an error code). Both are matched on the AWS error code, so the
 * classification is the same whether the error came from AWS or from a local emulator. Unknown
 * service errors with a 4xx status are fatal (the request itself is wrong). Client-side SDK
 * exceptions (connection failures, timeouts, credentials that could not be loaded right now) are
 * retried; other exceptions that are not I/O are fatal, since retrying a bug only hides it.
 */
@Internal
final class KinesisErrorClassifier {

    private static final Set<String> THROTTLING_CODES =
            Set.of(
                    "ProvisionedThroughputExceededException",
                    "KMSThrottlingException",
                    "LimitExceededException",
                    "ThrottlingException",
                    "Throttling",
                    "RequestLimitExceeded",
                    "TooManyRequestsException",
                    "SlowDown");

    private static final Set<String> RETRYABLE_CODES =
            Set.of(
                    "InternalFailure",
                    "InternalFailureException",
                    "InternalServerError",
                    "ServiceUnavailable",
                    "ServiceUnavailableException",
                    "RequestTimeout",
                    "RequestTimeoutException");

    private KinesisErrorClassifier() {}

    /** Classifies a failed call (the exception its future completed with). */
    public static ErrorKind classify(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AwsServiceException) {
            AwsServiceException e = (AwsServiceException) t;
            ErrorKind byCode = byCode(errorCode(e));
            if (byCode != null) {
                return byCode;
            }
            if (e.isThrottlingException() || e.statusCode() == 429) {
                return ErrorKind.THROTTLED;
            }
            if (e.statusCode() >= 500 || e.statusCode() == 408) {
                return ErrorKind.RETRYABLE;
            }
            return ErrorKind.FATAL;
        }
        if (t instanceof SdkClientException) {
            // Timeouts and connection failures are SdkClientExceptions, and so is "Unable to load
            // credentials": with AUTO, ASSUME_ROLE or WEB_IDENTITY_TOKEN that is usually a
            // transient IMDS, ECS or STS failure, so it is retried (and logged on every retry).
            // Credentials the service rejects arrive as AwsServiceExceptions with codes such as
            // UnrecognizedClientException and stay fatal above.
            return ErrorKind.RETRYABLE;
        }
        if (t instanceof IOException || t instanceof TimeoutException) {
            return ErrorKind.RETRYABLE;
        }
        return ErrorKind.FATAL;
    }

    /** Classifies one entry that Kinesis rejected inside a call, by its error code. */
    public static ErrorKind classifyEntryError(@Nullable String errorCode) {
        ErrorKind byCode = byCode(errorCode);
        // Kinesis documents only throttling and InternalFailure for single entries; an unknown
        // entry error is retried rather than failing a healthy job on a new, transient code.
        return byCode != null ? byCode : ErrorKind.RETRYABLE;
    }

    @Nullable
    private static ErrorKind byCode(@Nullable String code) {
        if (code == null) {
            return null;
        }
        if (THROTTLING_CODES.contains(code)) {
            return ErrorKind.THROTTLED;
        }
        if (RETRYABLE_CODES.contains(code)) {
            return ErrorKind.RETRYABLE;
        }
        // Every code with advice is a known fatal one: the advice switch is the single list.
        if (advice(code, "s") != null) {
            return ErrorKind.FATAL;
        }
        return null;
    }

    /**
     * What the user should do about a fatal error code on stream {@code stream}, or null when the
     * code is not one this classifier knows.
     */
    @Nullable
    public static String advice(@Nullable String code, String stream) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "ResourceNotFoundException":
                return "Stream '"
                        + stream
                        + "' was not found: create it, or fix 'stream.arn' / 'aws.region' /"
                        + " 'aws.endpoint' of the table.";
            case "AccessDeniedException":
            case "AccessDenied":
                return "Access denied writing to stream '"
                        + stream
                        + "': allow kinesis:PutRecords on it (and kms:GenerateDataKey on its key if"
                        + " it is encrypted) for the credentials set by 'aws.credentials.provider'.";
            case "UnrecognizedClientException":
            case "InvalidSignatureException":
            case "ExpiredTokenException":
            case "IncompleteSignature":
            case "MissingAuthenticationToken":
                return "The AWS credentials were rejected ("
                        + code
                        + "): check the 'aws.credentials.*' options of the table.";
            case "InvalidArgumentException":
            case "ValidationException":
            case "SerializationException":
                return "Kinesis rejected the request to stream '"
                        + stream
                        + "' as invalid; a record larger than the stream's maximum record size"
                        + " causes this too: keep 'sink.record.max-size' at or below it.";
            case "KMSDisabledException":
                return "The KMS key of stream '" + stream + "' is disabled: enable it.";
            case "KMSNotFoundException":
                return "The KMS key of stream '"
                        + stream
                        + "' was not found: fix the stream's encryption settings.";
            case "KMSInvalidStateException":
                return "The KMS key of stream '"
                        + stream
                        + "' is not in a usable state: check it in the KMS console.";
            case "KMSAccessDeniedException":
                return "Access to the KMS key of stream '"
                        + stream
                        + "' was denied: allow kms:GenerateDataKey for the sink's credentials.";
            case "KMSOptInRequired":
            case "KMSOptInRequiredException":
                return "The AWS account must opt in to KMS before writing to stream '"
                        + stream
                        + "'.";
            default:
                return null;
        }
    }

    /** The AWS error code of a failure, or null when it is not a service error. */
    @Nullable
    public static String errorCode(Throwable error) {
        Throwable t = unwrap(error);
        if (!(t instanceof AwsServiceException)) {
            return null;
        }
        // the details' code, else the class name of a modeled exception built without details:
        // Kinesis' KmsXxxException classes stand for the KMSXxxException codes
        String code = AwsFailures.errorCode(t);
        return code.startsWith("Kms") ? "KMS" + code.substring(3) : code;
    }

    /** The cause that matters, without the future's wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
