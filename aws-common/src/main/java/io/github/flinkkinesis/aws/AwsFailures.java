package io.github.flinkkinesis.aws;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Says, for an AWS SDK failure that any AWS service can answer, what the user should change: no
 * credentials found, credentials rejected, a host that does not resolve (usually a mistyped region)
 * and an endpoint where nothing listens. Each product's seam adds its own service's errors (a
 * missing stream, access denied to an action) and wraps the sentence in an {@link
 * AwsSetupException}. Failures that a retry may cure, or that configuration cannot, get no advice.
 */
@Internal
public final class AwsFailures {

    private static final Set<String> REJECTED_CREDENTIALS_CODES =
            Set.of(
                    "UnrecognizedClientException",
                    "InvalidClientTokenId",
                    "InvalidSignatureException",
                    "SignatureDoesNotMatch",
                    "ExpiredTokenException",
                    "ExpiredToken",
                    "IncompleteSignature",
                    "MissingAuthenticationToken");

    private AwsFailures() {}

    /**
     * One sentence saying what to change, or empty when this failure is not a configuration problem
     * common to every AWS service.
     *
     * @param service the service called, for the message (e.g. {@code Kinesis})
     */
    public static Optional<String> advice(Throwable failure, String service) {
        String code = errorCode(failure);
        if (code != null && REJECTED_CREDENTIALS_CODES.contains(code)) {
            return Optional.of(
                    service
                            + " rejected the AWS credentials ("
                            + code
                            + "): check option '"
                            + AwsOptions.CREDENTIALS_PROVIDER.key()
                            + "' and the credentials it names (keys, profile, role).");
        }
        if (isCredentialsNotFound(failure)) {
            return Optional.of(
                    "No AWS credentials were found for "
                            + service
                            + ": with option '"
                            + AwsOptions.CREDENTIALS_PROVIDER.key()
                            + "' = 'AUTO' (the default) the SDK looks in Java system properties,"
                            + " environment variables, the web identity token, the profile file and"
                            + " the container and instance metadata of every Flink process; provide"
                            + " credentials there, or choose another provider with '"
                            + AwsOptions.CREDENTIALS_PROVIDER.key()
                            + "'.");
        }
        UnknownHostException unknownHost = find(failure, UnknownHostException.class);
        if (unknownHost != null) {
            return Optional.of(
                    "The "
                            + service
                            + " endpoint host "
                            + unknownHost.getMessage()
                            + " does not resolve: check option '"
                            + AwsOptions.REGION.key()
                            + "' (a region code such as us-east-1) and, if set, '"
                            + AwsOptions.ENDPOINT.key()
                            + "'.");
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null) {
            return Optional.of(
                    "Nothing answers at the "
                            + service
                            + " endpoint ("
                            + refused.getMessage()
                            + "): check option '"
                            + AwsOptions.ENDPOINT.key()
                            + "', or remove it to use the region's AWS endpoint.");
        }
        return Optional.empty();
    }

    /** The AWS error code of a service failure in the chain, or null. */
    public static String errorCode(Throwable failure) {
        AwsServiceException e = find(failure, AwsServiceException.class);
        if (e == null) {
            return null;
        }
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    private static boolean isCredentialsNotFound(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException
                    && String.valueOf(t.getMessage()).startsWith("Unable to load credentials")) {
                return true;
            }
        }
        return false;
    }

    /** The first exception of {@code type} in the cause chain of {@code failure}, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
