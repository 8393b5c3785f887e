package io.github.flinkkinesis.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamIdTest {

    @Test
    void nameAndArn() {
        StreamId byName = StreamId.parse(" orders ");
        assertThat(byName.name()).isEqualTo("orders");
        assertThat(byName.arn()).isEmpty();

        StreamId byArn =
                StreamId.parse("arn:aws-cn:kinesis:cn-north-1:123456789012:stream/a.b-c_d");
        assertThat(byArn.name()).isEqualTo("a.b-c_d");
        assertThat(byArn.arn())
                .contains("arn:aws-cn:kinesis:cn-north-1:123456789012:stream/a.b-c_d");
        assertThat(byArn.toString()).startsWith("arn:");
    }

    @Test
    void invalidValuesSayWhatIsExpected() {
        assertThatThrownBy(() -> StreamId.parse("arn:aws:kinesis:us-east-1:1:consumer/x"))
                .hasMessageContaining("arn:aws:kinesis:REGION:ACCOUNT:stream/NAME");
        assertThatThrownBy(() -> StreamId.parse("has space"))
                .hasMessageContaining("not a valid stream name");
        assertThatThrownBy(() -> StreamId.parse("x".repeat(129)))
                .hasMessageContaining("1-128 characters");
    }
}
