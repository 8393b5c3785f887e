package io.github.flinkkinesis.kinesis.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KinesisShardSplitSerializerTest {

    private final KinesisShardSplitSerializer serializer =
            new KinesisShardSplitSerializer(TestSplits.STREAM);

    private KinesisShardSplit roundTrip(KinesisShardSplit split) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }

    @Test
    void everyKindOfPositionAndStopSurvivesARoundTrip() throws IOException {
        String longSequence = "4".repeat(129); // Kinesis sequence numbers have up to 129 digits
        List<KinesisShardSplit> splits =
                List.of(
                        new KinesisShardSplit(
                                TestSplits.STREAM,
                                "shardId-000000000000",
                                StartingPosition.latest(),
                                StopCondition.none(),
                                List.of()),
                        new KinesisShardSplit(
                                TestSplits.STREAM,
                                "shardId-000000000001",
                                StartingPosition.trimHorizon(),
                                StopCondition.latestAt(1_700_000_000_123L),
                                List.of("shardId-000000000000")),
                        new KinesisShardSplit(
                                TestSplits.STREAM,
                                "shardId-000000000002",
                                StartingPosition.atTimestamp(
                                        Instant.ofEpochMilli(1_700_000_000_456L)),
                                StopCondition.atTimestamp(1_800_000_000_000L),
                                List.of("shardId-000000000000", "shardId-000000000001")),
                        new KinesisShardSplit(
                                TestSplits.STREAM,
                                "shardId-000000000003",
                                StartingPosition.afterSequenceNumber(longSequence, 7),
                                StopCondition.none(),
                                List.of()),
                        new KinesisShardSplit(
                                TestSplits.STREAM,
                                "shardId-000000000004",
                                StartingPosition.afterSequenceNumber("123"),
                                StopCondition.none(),
                                List.of()),
                        new KinesisShardSplit(
                                TestSplits.STREAM,
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
                            TestSplits.STREAM,
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
                                TestSplits.STREAM,
                                "shardId-000000000001",
                                StartingPosition.afterSequenceNumber("4".repeat(129), 7),
                                StopCondition.latestAt(1_700_000_000_123L),
                                List.of("shardId-000000000000")),
                        new KinesisShardSplit(
                                TestSplits.STREAM,
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
    void theStreamSurvivesARoundTripAndVersion2IsReadAsTheSourcesSingleStream() throws IOException {
        StreamId arn = StreamId.parse("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        KinesisShardSplit split =
                new KinesisShardSplit(
                        arn,
                        "shardId-000000000002",
                        StartingPosition.afterSequenceNumber("49000000000000000001"),
                        StopCondition.none(),
                        List.of("shardId-000000000000"),
                        HashKeyRange.of("0", "42"));
        KinesisShardSplit copy = roundTrip(split);
        assertThat(copy).isEqualTo(split);
        assertThat(copy.stream()).isEqualTo(arn);
        assertThat(copy.splitId())
                .isEqualTo(
                        "arn:aws:kinesis:us-east-1:123456789012:stream/orders/shardId-000000000002");
        assertThat(KinesisShardSplit.shardIdOf(copy.splitId())).isEqualTo("shardId-000000000002");
        assertThat(copy.parentSplitIds())
                .containsExactly(
                        "arn:aws:kinesis:us-east-1:123456789012:stream/orders/shardId-000000000000");

        // what a connector of one stream per table wrote: read as a split of the source's stream
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Version1Splits.writeVersion2(split, out);
        }
        assertThat(new KinesisShardSplitSerializer(arn).deserialize(2, bytes.toByteArray()))
                .isEqualTo(split);
        // a pattern source has no single stream to read it as: it says what to do
        assertThatThrownBy(
                        () ->
                                new KinesisShardSplitSerializer(null)
                                        .deserialize(2, bytes.toByteArray()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shard 'shardId-000000000002'")
                .hasMessageContaining("'stream-pattern'")
                .hasMessageContaining("restore it into a table whose 'stream.arn' names");
    }

    @Test
    void versionIsThreeAndUnknownVersionsAreRejectedWithAMessage() throws IOException {
        assertThat(serializer.getVersion()).isEqualTo(3);
        byte[] bytes =
                serializer.serialize(
                        new KinesisShardSplit(
                                TestSplits.STREAM,
                                "shardId-000000000000",
                                StartingPosition.latest(),
                                StopCondition.none(),
                                List.of()));
        for (int unknown : new int[] {0, 4}) {
            assertThatThrownBy(() -> serializer.deserialize(unknown, bytes))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("version " + unknown)
                    .hasMessageContaining("reads versions 1 to 3");
        }
    }
}
