package io.github.flinkkinesis.kinesis.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KinesisShardSplitSerializerTest {

    private final KinesisShardSplitSerializer serializer = new KinesisShardSplitSerializer();

    private KinesisShardSplit roundTrip(KinesisShardSplit split) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }

    @Test
    void everyKindOfPositionAndStopSurvivesARoundTrip() throws IOException {
        String longSequence = "4".repeat(129); // Kinesis sequence numbers have up to 129 digits
        List<KinesisShardSplit> splits =
                List.of(
                        new KinesisShardSplit(
                                "shardId-000000000000",
                                StartingPosition.latest(),
                                StopCondition.none(),
                                List.of()),
                        new KinesisShardSplit(
                                "shardId-000000000001",
                                StartingPosition.trimHorizon(),
                                StopCondition.latestAt(1_700_000_000_123L),
                                List.of("shardId-000000000000")),
                        new KinesisShardSplit(
                                "shardId-000000000002",
                                StartingPosition.atTimestamp(
                                        Instant.ofEpochMilli(1_700_000_000_456L)),
                                StopCondition.atTimestamp(1_800_000_000_000L),
                                List.of("shardId-000000000000", "shardId-000000000001")),
                        new KinesisShardSplit(
                                "shardId-000000000003",
                                StartingPosition.afterSequenceNumber(longSequence, 7),
                                StopCondition.none(),
                                List.of()),
                        new KinesisShardSplit(
                                "shardId-000000000004",
                                StartingPosition.afterSequenceNumber("123"),
                                StopCondition.none(),
                                List.of()),
                        new KinesisShardSplit(
                                "shardId-000000000005",
                                StartingPosition.shardEnd(),
                                StopCondition.none(),
                                List.of()));
        for (KinesisShardSplit split : splits) {
            KinesisShardSplit copy = roundTrip(split);
            assertThat(copy).isEqualTo(split);
            assertThat(copy.startingPosition().sequenceNumber())
                    .isEqualTo(split.startingPosition().sequenceNumber());
        }
        assertThat(roundTrip(splits.get(3)).startingPosition().subSequenceNumber()).isEqualTo(7);
    }

    @Test
    void versionIsOneAndUnknownVersionsAreRejectedWithAMessage() throws IOException {
        assertThat(serializer.getVersion()).isEqualTo(1);
        byte[] bytes =
                serializer.serialize(
                        new KinesisShardSplit(
                                "shardId-000000000000",
                                StartingPosition.latest(),
                                StopCondition.none(),
                                List.of()));
        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("reads version 1");
    }
}
