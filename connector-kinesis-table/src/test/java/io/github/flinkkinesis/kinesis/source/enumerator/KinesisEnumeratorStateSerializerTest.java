package io.github.flinkkinesis.kinesis.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StartingPosition;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KinesisEnumeratorStateSerializerTest {

    private final KinesisEnumeratorStateSerializer serializer =
            new KinesisEnumeratorStateSerializer();

    @Test
    void stateSurvivesARoundTrip() throws IOException {
        KinesisEnumeratorState state =
                new KinesisEnumeratorState(
                        List.of(
                                new KinesisShardSplit(
                                        "shardId-000000000003",
                                        StartingPosition.trimHorizon(),
                                        StopCondition.latestAt(42L),
                                        List.of("shardId-000000000001", "shardId-000000000002"))),
                        Set.of("shardId-000000000002"),
                        Set.of("shardId-000000000000", "shardId-000000000001"),
                        true);
        KinesisEnumeratorState copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
        assertThat(copy).isEqualTo(state);
        assertThat(copy.initialDiscoveryDone()).isTrue();

        KinesisEnumeratorState initial = KinesisEnumeratorState.initial();
        assertThat(serializer.deserialize(1, serializer.serialize(initial))).isEqualTo(initial);
    }

    @Test
    void versionIsOneAndUnknownVersionsAreRejectedWithAMessage() throws IOException {
        assertThat(serializer.getVersion()).isEqualTo(1);
        byte[] bytes = serializer.serialize(KinesisEnumeratorState.initial());
        assertThatThrownBy(() -> serializer.deserialize(99, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }
}
