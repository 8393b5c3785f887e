package io.github.flinkkinesis.testing.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The quota front's settings by key, as the main class and scripts give them. */
class QuotaFrontConfigTest {

    @Test
    void awsDefaultsAreTheShardQuotas() {
        QuotaFrontConfig aws = QuotaFrontConfig.aws();
        assertThat(aws.writeRecordsPerSecond()).isEqualTo(1000);
        assertThat(aws.writeBytesPerSecond()).isEqualTo(1024 * 1024);
        assertThat(aws.readCallsPerSecond()).isEqualTo(5);
        assertThat(aws.readBytesPerSecond()).isEqualTo(2 * 1024 * 1024);
        assertThat(aws.internalFailureRate()).isZero();
        assertThat(aws.entryFailureRate()).isZero();
        assertThat(aws.connectionResetRate()).isZero();
        assertThat(aws.slowResponseRate()).isZero();
    }

    @Test
    void everyKeyIsReadAndLeavesTheOthersAlone() {
        QuotaFrontConfig c = QuotaFrontConfig.aws();
        for (String key : QuotaFrontConfig.KEYS.keySet()) {
            c =
                    c.withOption(
                            key,
                            key.endsWith("delay") ? "2s" : key.endsWith("rate") ? "0.25" : "7");
        }
        assertThat(c.writeRecordsPerSecond()).isEqualTo(7);
        assertThat(c.writeBytesPerSecond()).isEqualTo(7);
        assertThat(c.readCallsPerSecond()).isEqualTo(7);
        assertThat(c.readBytesPerSecond()).isEqualTo(7);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.internalFailureRate()).isEqualTo(0.25);
        assertThat(c.entryFailureRate()).isEqualTo(0.25);
        assertThat(c.connectionResetRate()).isEqualTo(0.25);
        assertThat(c.slowResponseRate()).isEqualTo(0.25);
        assertThat(c.slowResponseDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(
                        QuotaFrontConfig.aws()
                                .withOption("fault.slow-response-delay", "300ms")
                                .slowResponseDelay())
                .isEqualTo(Duration.ofMillis(300));
        assertThat(QuotaFrontConfig.aws().readCallsPerSecond(3).writeRecordsPerSecond())
                .isEqualTo(1000);
    }

    @Test
    void wrongKeysAndValuesNameTheKeyAsGiven() {
        assertThatThrownBy(() -> QuotaFrontConfig.aws().withOption("write.recs", "1"))
                .hasMessageContaining("'write.recs'")
                .hasMessageContaining("write.records-per-second");
        assertThatThrownBy(() -> QuotaFrontConfig.aws().withOption("Read.Calls-Per-Second", "0"))
                .hasMessageContaining("'Read.Calls-Per-Second'")
                .hasMessageContaining("'0'")
                .hasMessageContaining("GetRecords calls per second");
        assertThatThrownBy(
                        () ->
                                QuotaFrontConfig.aws()
                                        .withOption("fault.slow-response-delay", "soon"))
                .hasMessageContaining("'fault.slow-response-delay'");
        assertThatThrownBy(
                        () -> QuotaFrontConfig.aws().withOption("fault.entry-failure-rate", "1.5"))
                .hasMessageContaining("fault.entry-failure-rate")
                .hasMessageContaining("between 0 and 1");
    }
}
