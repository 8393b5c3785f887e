package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.fakes.SdkErrors;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KmsDisabledException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class KinesisErrorClassifierTest {

    @ParameterizedTest
    @CsvSource({
        "ProvisionedThroughputExceededException, 400, THROTTLED",
        "KMSThrottlingException, 400, THROTTLED",
        "LimitExceededException, 400, THROTTLED",
        "SomethingNew, 429, THROTTLED",
        "InternalFailure, 500, RETRYABLE",
        "ServiceUnavailable, 503, RETRYABLE",
        "SomethingNew, 502, RETRYABLE",
        "ResourceNotFoundException, 400, FATAL",
        "AccessDeniedException, 400, FATAL",
        "InvalidArgumentException, 400, FATAL",
        "ValidationException, 400, FATAL",
        "KMSDisabledException, 400, FATAL",
        "KMSNotFoundException, 400, FATAL",
        "KMSAccessDeniedException, 400, FATAL",
        "UnrecognizedClientException, 400, FATAL",
        "SomethingNew, 400, FATAL"
    })
    void classifiesServiceErrorsByCodeAndStatus(String code, int status, ErrorKind expected) {
        assertThat(KinesisErrorClassifier.classify(SdkErrors.service(code, status)))
                .isEqualTo(expected);
        assertThat(expected.isRetryable()).isEqualTo(expected != ErrorKind.FATAL);
    }

    @Test
    void unwrapsFutureWrappers() {
        CompletionException wrapped =
                new CompletionException(SdkErrors.service("ResourceNotFoundException", 400));
        assertThat(KinesisErrorClassifier.classify(wrapped)).isEqualTo(ErrorKind.FATAL);
        assertThat(KinesisErrorClassifier.errorCode(wrapped))
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void modeledExceptionsWithoutDetailsAreClassifiedByTheirType() {
        assertThat(
                        KinesisErrorClassifier.classify(
                                ResourceNotFoundException.builder().message("gone").build()))
                .isEqualTo(ErrorKind.FATAL);
        assertThat(KinesisErrorClassifier.errorCode(KmsDisabledException.builder().build()))
                .isEqualTo("KMSDisabledException");
    }

    @Test
    void clientSideTimeoutsAndConnectionErrorsAreRetryable() {
        assertThat(KinesisErrorClassifier.classify(ApiCallAttemptTimeoutException.create(1000)))
                .isEqualTo(ErrorKind.RETRYABLE);
        assertThat(
                        KinesisErrorClassifier.classify(
                                SdkClientException.create(
                                        "Unable to execute HTTP request",
                                        new ConnectException("Connection refused"))))
                .isEqualTo(ErrorKind.RETRYABLE);
        assertThat(KinesisErrorClassifier.classify(new IOException("reset")))
                .isEqualTo(ErrorKind.RETRYABLE);
    }

    @Test
    void credentialsThatCouldNotBeLoadedAreRetried() {
        // IMDS, ECS or STS may fail for a moment; the SDK reports that on the client side.
        assertThat(
                        KinesisErrorClassifier.classify(
                                new CompletionException(
                                        SdkClientException.create(
                                                "Unable to load credentials from any of the"
                                                        + " providers in the chain"))))
                .isEqualTo(ErrorKind.RETRYABLE);
        assertThat(
                        KinesisErrorClassifier.classify(
                                SdkClientException.create(
                                        "Unable to load credentials from service endpoint")))
                .isEqualTo(ErrorKind.RETRYABLE);
    }

    @Test
    void credentialsRejectedByTheServiceAndBugsAreFatal() {
        for (String code :
                new String[] {
                    "UnrecognizedClientException",
                    "InvalidSignatureException",
                    "AccessDenied",
                    "AccessDeniedException",
                    "ExpiredTokenException"
                }) {
            AwsServiceException rejected =
                    AwsServiceException.builder()
                            .statusCode(400)
                            .awsErrorDetails(
                                    AwsErrorDetails.builder()
                                            .errorCode(code)
                                            .errorMessage("rejected")
                                            .build())
                            .build();
            assertThat(KinesisErrorClassifier.classify(rejected))
                    .as(code)
                    .isEqualTo(ErrorKind.FATAL);
        }
        assertThat(KinesisErrorClassifier.classify(new NullPointerException()))
                .isEqualTo(ErrorKind.FATAL);
    }

    @Test
    void entryErrorsAreRetriedUnlessKnownFatal() {
        assertThat(
                        KinesisErrorClassifier.classifyEntryError(
                                "ProvisionedThroughputExceededException"))
                .isEqualTo(ErrorKind.THROTTLED);
        assertThat(KinesisErrorClassifier.classifyEntryError("InternalFailure"))
                .isEqualTo(ErrorKind.RETRYABLE);
        assertThat(KinesisErrorClassifier.classifyEntryError("KMSNotFoundException"))
                .isEqualTo(ErrorKind.FATAL);
        assertThat(KinesisErrorClassifier.classifyEntryError("NewTransientCode"))
                .isEqualTo(ErrorKind.RETRYABLE);
    }

    @Test
    void adviceSaysWhatToDo() {
        assertThat(KinesisErrorClassifier.advice("ResourceNotFoundException", "orders"))
                .contains("Stream 'orders' was not found")
                .contains("'stream.arn'");
        assertThat(KinesisErrorClassifier.advice("AccessDeniedException", "orders"))
                .contains("kinesis:PutRecords");
        assertThat(KinesisErrorClassifier.advice("KMSDisabledException", "orders"))
                .contains("disabled");
        assertThat(KinesisErrorClassifier.advice("InvalidArgumentException", "orders"))
                .contains("'sink.record.max-size'");
        assertThat(KinesisErrorClassifier.advice("ProvisionedThroughputExceededException", "o"))
                .isNull();
    }
}
