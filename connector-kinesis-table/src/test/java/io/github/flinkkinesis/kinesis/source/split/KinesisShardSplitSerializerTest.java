package io.github.flinkkinesis.kinesis.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
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
    void theHashKeyRangeSurvivesARoundTrip() throws IOException {
        HashKeyRange whole = HashKeyRange.of(BigInteger.ZERO, HashKeyRange.MAX_HASH_KEY);
        HashKeyRange upperHalf =
                HashKeyRange.of("170141183460469231731687303715884105728", whole.end().toString());
        for (HashKeyRange range : List.of(whole, upperHalf)) {
            KinesisShardSplit split =
                    new KinesisShardSplit(
                            "shardId-000000000007",
                            StartingPosition.afterSequenceNumber("49000000000000000001", 3),
                            StopCondition.latestAt(42L),
                            List.of("shardId-000000000001"),
                            range);
            KinesisShardSplit copy = roundTrip(split);
            assertThat(copy).isEqualTo(split);
            assertThat(copy.hashKeyRange()).isEqualTo(range);
            // a new position keeps the range
            assertThat(copy.withStartingPosition(StartingPosition.shardEnd()).hashKeyRange())
                    .isEqualTo(range);
        }
    }

    @Test
    void version1BytesAreStillReadAsSplitsWithAnUnknownRange() throws IOException {
        List<KinesisShardSplit> splits =
                List.of(
                        new KinesisShardSplit(
                                "shardId-000000000001",
                                StartingPosition.afterSequenceNumber("4".repeat(129), 7),
                                StopCondition.latestAt(1_700_000_000_123L),
                                List.of("shardId-000000000000")),
                        new KinesisShardSplit(
                                "shardId-000000000002",
                                StartingPosition.atTimestamp(
                                        Instant.ofEpochMilli(1_700_000_000_456L)),
                                StopCondition.none(),
                                List.of()));
        for (KinesisShardSplit split : splits) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                Version1Splits.write(split, out);
            }
            KinesisShardSplit read = serializer.deserialize(1, bytes.toByteArray());
            assertThat(read).isEqualTo(split);
            assertThat(read.hashKeyRange()).isNull();
        }
    }

    @Test
    void versionIsTwoAndUnknownVersionsAreRejectedWithAMessage() throws IOException {
        assertThat(serializer.getVersion()).isEqualTo(2);
        byte[] bytes =
                serializer.serialize(
                        new KinesisShardSplit(
                                "shardId-000000000000",
                                StartingPosition.latest(),
                                StopCondition.none(),
                                List.of()));
        for (int unknown : new int[] {0, 3}) {
            assertThatThrownBy(() -> serializer.deserialize(unknown, bytes))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("version " + unknown)
                    .hasMessageContaining("reads versions 1 to 2");
        }
    }
}
