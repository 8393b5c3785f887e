package io.github.flinkkinesis.kinesis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.testutil.fakes.SdkErrors;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class KinesisFailuresTest {

    private static final StreamId ORDERS = StreamId.parse("orders");

    @Test
    void aMissingStreamNamesTheStreamTheActionAndTheOptions() {
        assertThat(
                        KinesisFailures.explain(
                                        new CompletionException(
                                                SdkErrors.service(
                                                        "ResourceNotFoundException", 400)),
                                        ORDERS,
                                        "ListShards")
                                .orElseThrow())
                .hasMessage(
                        "Kinesis stream 'orders' does not exist (ListShards): create it, or fix the"
                                + " table's 'stream.arn' (the stream's name or ARN), 'aws.region'"
                                + " or 'aws.endpoint'.")
                .hasNoCause();
    }

    @Test
    void accessDeniedNamesTheIamAction() {
        assertThat(
                        KinesisFailures.advice(
                                SdkErrors.service("AccessDeniedException", 400),
                                ORDERS,
                                "GetRecords"))
                .hasValueSatisfying(
                        a ->
                                assertThat(a)
                                        .contains("kinesis:GetRecords on stream 'orders'")
                                        .contains("'aws.credentials.provider'"));
    }

    @Test
    void failuresCommonToAwsServicesComeFromAwsFailures() {
        SdkClientException unknownHost =
                SdkClientException.create(
                        "Received an UnknownHostException",
                        new UnknownHostException("kinesis.us-east1.amazonaws.com"));
        assertThat(KinesisFailures.advice(unknownHost, ORDERS, "ListShards"))
                .hasValueSatisfying(
                        a ->
                                assertThat(a)
                                        .startsWith(
                                                "The Kinesis endpoint host"
                                                        + " kinesis.us-east1.amazonaws.com does not"
                                                        + " resolve")
                                        .contains("'aws.region'"));
    }

    @Test
    void transientFailuresGetNoAdvice() {
        assertThat(
                        KinesisFailures.explain(
                                SdkErrors.service("InternalFailure", 500), ORDERS, "GetRecords"))
                .isEmpty();
        assertThat(
                        KinesisFailures.explain(
                                SdkErrors.service("ProvisionedThroughputExceededException", 400),
                                ORDERS,
                                "GetRecords"))
                .isEmpty();
    }
}
