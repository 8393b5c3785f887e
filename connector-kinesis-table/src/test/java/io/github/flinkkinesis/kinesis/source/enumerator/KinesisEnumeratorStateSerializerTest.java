package io.github.flinkkinesis.kinesis.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import io.github.flinkkinesis.kinesis.source.split.Version1Splits;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KinesisEnumeratorStateSerializerTest {

    private final KinesisEnumeratorStateSerializer serializer =
            new KinesisEnumeratorStateSerializer(TestSplits.STREAM);

    @Test
    void stateSurvivesARoundTrip() throws IOException {
        KinesisEnumeratorState state =
                new KinesisEnumeratorState(
                        List.of(
                                new KinesisShardSplit(
                                        TestSplits.STREAM,
                                        "shardId-000000000003",
                                        StartingPosition.trimHorizon(),
                                        StopCondition.latestAt(42L),
                                        List.of("shardId-000000000001", "shardId-000000000002"),
                                        HashKeyRange.of("0", "42")),
                                new KinesisShardSplit(
                                        TestSplits.STREAM,
                                        "shardId-000000000004",
                                        StartingPosition.trimHorizon(),
                                        StopCondition.latestAt(42L),
                                        List.of("shardId-000000000003"))),
                        Set.of(TestSplits.id("shardId-000000000002")),
                        Set.of(
                                TestSplits.id("shardId-000000000000"),
                                TestSplits.id("shardId-000000000001")),
                        true,
                        Map.of(TestSplits.id("shardId-000000000002"), 1));
        KinesisEnumeratorState copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
        assertThat(copy).isEqualTo(state);
        assertThat(copy.initialDiscoveryDone()).isTrue();
        assertThat(copy.owners())
                .containsExactly(Map.entry(TestSplits.id("shardId-000000000002"), 1));

        KinesisEnumeratorState initial = KinesisEnumeratorState.initial();
        assertThat(serializer.deserialize(1, serializer.serialize(initial))).isEqualTo(initial);
    }

    @Test
    void stateWithVersion1SplitsIsStillReadWithUnknownRanges() throws IOException {
        KinesisShardSplit split =
                new KinesisShardSplit(
                        TestSplits.STREAM,
                        "shardId-000000000003",
                        StartingPosition.afterSequenceNumber("49000000000000000001", 2),
                        StopCondition.none(),
                        List.of("shardId-000000000001"));
        // what the connector wrote before splits carried the hash key range
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1); // split serializer version
            out.writeInt(1);
            Version1Splits.write(split, out);
            out.writeInt(1);
            out.writeUTF("shardId-000000000002");
            out.writeInt(0);
            out.writeBoolean(true);
        }
        KinesisEnumeratorState state = serializer.deserialize(1, bytes.toByteArray());
        // shard ids of a source of one stream become split ids of the source's first stream
        assertThat(state)
                .isEqualTo(
                        new KinesisEnumeratorState(
                                List.of(split),
                                Set.of(TestSplits.id("shardId-000000000002")),
                                Set.of(),
                                true));
        assertThat(state.unassigned().get(0).hashKeyRange()).isNull();
    }

    @Test
    void version2StateIsReadAsStateOfTheSourcesSingleStream() throws IOException {
        KinesisShardSplit split =
                new KinesisShardSplit(
                        TestSplits.STREAM,
                        "shardId-000000000003",
                        StartingPosition.trimHorizon(),
                        StopCondition.none(),
                        List.of("shardId-000000000001"),
                        HashKeyRange.of("0", "42"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(2); // split serializer version
            out.writeInt(1);
            Version1Splits.writeVersion2(split, out);
            out.writeInt(1);
            out.writeUTF("shardId-000000000002"); // assigned
            out.writeInt(1);
            out.writeUTF("shardId-000000000001"); // finished
            out.writeBoolean(true);
            out.writeInt(1);
            out.writeUTF("shardId-000000000002"); // owner
            out.writeInt(1);
        }
        KinesisEnumeratorState state = serializer.deserialize(2, bytes.toByteArray());
        assertThat(state)
                .isEqualTo(
                        new KinesisEnumeratorState(
                                List.of(split),
                                Set.of(TestSplits.id("shardId-000000000002")),
                                Set.of(TestSplits.id("shardId-000000000001")),
                                true,
                                Map.of(TestSplits.id("shardId-000000000002"), 1)));
        assertThatThrownBy(
                        () ->
                                new KinesisEnumeratorStateSerializer(null)
                                        .deserialize(2, bytes.toByteArray()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'stream-pattern'");
    }

    @Test
    void versionIsThreeAndUnknownVersionsAreRejectedWithAMessage() throws IOException {
        assertThat(serializer.getVersion()).isEqualTo(3);
        byte[] bytes = serializer.serialize(KinesisEnumeratorState.initial());
        assertThatThrownBy(() -> serializer.deserialize(99, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }
}
