package io.github.flinkkinesis.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsFailuresTest {

    @Test
    void credentialsNotFoundNamesTheProviderOptionAndWhereTheChainLooks() {
        SdkClientException e =
                SdkClientException.create(
                        "Unable to load credentials from any of the providers in the chain"
                                + " AwsCredentialsProviderChain(...)");
        assertThat(AwsFailures.advice(new CompletionException(e), "Glue"))
                .hasValueSatisfying(
                        a ->
                                assertThat(a)
                                        .startsWith("No AWS credentials were found for Glue")
                                        .contains("'aws.credentials.provider' = 'AUTO'")
                                        .contains("environment variables"));
    }

    @Test
    void rejectedCredentialsNameTheCode() {
        AwsServiceException e =
                AwsServiceException.builder()
                        .statusCode(400)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode("UnrecognizedClientException")
                                        .build())
                        .build();
        assertThat(AwsFailures.advice(e, "Kinesis"))
                .hasValue(
                        "Kinesis rejected the AWS credentials (UnrecognizedClientException): check"
                                + " option 'aws.credentials.provider' and the credentials it names"
                                + " (keys, profile, role).");
    }

    @Test
    void anUnresolvableHostPointsAtRegionAndEndpoint() {
        SdkClientException e =
                SdkClientException.create(
                        "Received an UnknownHostException",
                        new UnknownHostException("glue.eu-west-9x.amazonaws.com"));
        assertThat(AwsFailures.advice(e, "Glue"))
                .hasValue(
                        "The Glue endpoint host glue.eu-west-9x.amazonaws.com does not resolve:"
                                + " check option 'aws.region' (a region code such as us-east-1)"
                                + " and, if set, 'aws.endpoint'.");
    }

    @Test
    void aRefusedConnectionPointsAtTheEndpoint() {
        SdkClientException e =
                SdkClientException.create(
                        "Unable to execute HTTP request",
                        new ConnectException("Connection refused"));
        assertThat(AwsFailures.advice(e, "Kinesis"))
                .hasValueSatisfying(a -> assertThat(a).contains("'aws.endpoint'"));
    }

    @Test
    void otherFailuresGetNone() {
        assertThat(AwsFailures.advice(new IllegalStateException("bug"), "Kinesis")).isEmpty();
        assertThat(AwsFailures.errorCode(new IllegalStateException("bug"))).isNull();
    }

    @Test
    void theSetupExceptionKeepsTheSdkFailureFlatAndSuppressedNotAsCause() {
        SdkClientException sdk =
                SdkClientException.create(
                        "Received an UnknownHostException", new UnknownHostException("h.example"));
        AwsSetupException e = new AwsSetupException("Do this.", sdk);
        assertThat(e).hasMessage("Do this.").hasNoCause();
        assertThat(e.getSuppressed()).hasSize(1);
        Throwable flat = e.getSuppressed()[0];
        assertThat(flat)
                .hasNoCause()
                .hasMessage(
                        SdkClientException.class.getName()
                                + ": Received an UnknownHostException <- "
                                + UnknownHostException.class.getName()
                                + ": h.example");
        assertThat(flat.getStackTrace()).isEqualTo(sdk.getStackTrace());
        // what the SQL Client prints from a gateway failure: the line after the last "Caused by:"
        String text = ExceptionUtils.stringifyException(new RuntimeException("job failed", e));
        String[] parts = text.split("Caused by:");
        assertThat(parts[parts.length - 1].split("\tat")[0].trim())
                .isEqualTo(AwsSetupException.class.getName() + ": Do this.");
    }
}
