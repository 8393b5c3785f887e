package io.github.flinkkinesis.kinesis.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.Utf8Deserializer;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

/** The builder's sanity checks name the wrong setting. */
class KinesisSourceBuilderTest {

    private final FakeStreamProxy proxy = new FakeStreamProxy();

    @Test
    void defaultsAreUnboundedLatestPolling() {
        KinesisSource<String> source = TestSources.builder(proxy).build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source.config().initialPosition()).isEqualTo(StartingPosition.latest());
        assertThat(source.config().getRecordsMaxCount()).isEqualTo(10_000);
        assertThat(source.getSplitSerializer().getVersion()).isEqualTo(3);
        // version 2: the owners of assigned shards (the uniform assigner); version 1 still read
        assertThat(source.getEnumeratorCheckpointSerializer().getVersion()).isEqualTo(3);
        assertThat(source.config().shardAssigner()).isEqualTo(ShardAssigner.UNIFORM);
    }

    @Test
    void stopPositionsMakeItBounded() {
        assertThat(TestSources.builder(proxy).stopAtLatest().build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(
                        TestSources.builder(proxy)
                                .stopAtTimestamp(Instant.EPOCH)
                                .build()
                                .getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void missingPartsAreNamed() {
        assertThatThrownBy(
                        () ->
                                KinesisSource.<String>builder()
                                        .deserializer(new Utf8Deserializer())
                                        .proxyFactory(() -> proxy)
                                        .build())
                .hasMessageContaining("no stream");
        assertThatThrownBy(() -> TestSources.builder(proxy).deserializer(null).build())
                .hasMessageContaining("no deserializer");
        assertThatThrownBy(() -> TestSources.builder(proxy).proxyFactory(null).build())
                .hasMessageContaining("no AWS settings");
    }

    @Test
    void invalidSettingsAreNamed() {
        assertThatThrownBy(() -> TestSources.builder(proxy).getRecordsMaxCount(0).build())
                .hasMessageContaining("between 1 and 10000");
        assertThatThrownBy(() -> TestSources.builder(proxy).stopAtTimestamp(null).build())
                .hasMessageContaining("stopAtTimestamp needs a timestamp");
        assertThatThrownBy(
                        () ->
                                TestSources.builder(proxy)
                                        .initialPosition(StartingPosition.afterSequenceNumber("1"))
                                        .build())
                .hasMessageContaining("LATEST, TRIM_HORIZON or AT_TIMESTAMP");
        assertThatThrownBy(
                        () ->
                                TestSources.builder(proxy)
                                        .shardDiscoveryInterval(Duration.ZERO)
                                        .build())
                .hasMessageContaining("discovery interval");
        assertThatThrownBy(
                        () ->
                                TestSources.builder(proxy)
                                        .emptyFetchInterval(Duration.ofMillis(-1))
                                        .build())
                .hasMessageContaining("empty fetch interval");
    }
}
