package io.github.flinkkinesis.kinesis.testutil.fakes;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/** Builds AWS service exceptions as the SDK reports them, for classifier and writer tests. */
public final class SdkErrors {

    private SdkErrors() {}

    public static KinesisException service(String code, int status) {
        return (KinesisException)
                KinesisException.builder()
                        .message(code + " from the fake")
                        .statusCode(status)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage(code + " from the fake")
                                        .build())
                        .build();
    }
}
