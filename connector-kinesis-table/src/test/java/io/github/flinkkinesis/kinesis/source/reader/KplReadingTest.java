package io.github.flinkkinesis.kinesis.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.KinesisDeserializationSchema;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.TestSources;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplitSerializer;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import io.github.flinkkinesis.kinesis.testutil.KplAggregates.Aggregate;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestReaders;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * KPL aggregates through the record emitter and the whole reader over a fake stream: one value per
 * user record with its partition key and sub-sequence number, a position per user record, a restore
 * inside an aggregate that neither repeats nor loses user records, and aggregates that landed in
 * the wrong shard dropped whole while the position moves past them.
 */
class KplReadingTest {

    private static final StreamId ORDERS = StreamId.parse("orders");
    private static final KinesisShardSplitSerializer SERIALIZER =
            new KinesisShardSplitSerializer(ORDERS);
    private static final String S0 = "shardId-000000000000";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeStreamProxy proxy = new FakeStreamProxy().addShard(S0);

    /** The lower half of the hash keys: MD5("a") is in it, MD5("b") is not. */
    private static final HashKeyRange LOWER_HALF =
            HashKeyRange.of(BigInteger.ZERO, BigInteger.TWO.pow(127).subtract(BigInteger.ONE));

    private final SimpleCounter malformed = new SimpleCounter();
    private final SimpleCounter outOfShard = new SimpleCounter();

    /** Emits "partitionKey|subSequenceNumber|data"; data "fail" throws like a broken format. */
    private static final class DescribingDeserializer
            implements KinesisDeserializationSchema<String> {
        @Override
        public void deserialize(Record record, String stream, String shardId, Collector<String> out)
                throws IOException {
            deserialize(record, StartingPosition.NO_SUB_SEQUENCE, stream, shardId, out);
        }

        @Override
        public void deserialize(
                Record record,
                long subSequenceNumber,
                String stream,
                String shardId,
                Collector<String> out)
                throws IOException {
            String data = new String(record.data().asByteArrayUnsafe(), StandardCharsets.UTF_8);
            if (data.equals("fail")) {
                throw new IOException("not a valid value");
            }
            out.collect(record.partitionKey() + "|" + subSequenceNumber + "|" + data);
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    private KinesisRecordEmitter<String> emitter() {
        return new KinesisRecordEmitter<>(
                new DescribingDeserializer(),
                new KplDeaggregator(
                        new UnregisteredMetricsGroup() {
                            @Override
                            public Counter counter(String name) {
                                return name.equals(KplDeaggregator.OUT_OF_SHARD_METRIC)
                                        ? outOfShard
                                        : malformed;
                            }
                        }));
    }

    private static KinesisShardSplitState state(StartingPosition from) {
        return state(from, null);
    }

    private static KinesisShardSplitState state(StartingPosition from, HashKeyRange range) {
        return new KinesisShardSplitState(
                new KinesisShardSplit(ORDERS, S0, from, StopCondition.none(), List.of(), range));
    }

    private static StartingPosition position(KinesisShardSplitState state) {
        return state.toSplit().startingPosition();
    }

    private static byte[] threeUserRecords() {
        return new Aggregate().add("a", "one").add("b", "two").add("a", "three").toBytes();
    }

    /** Records each value with the shard's position at the moment the value was emitted. */
    private static final class PositionRecordingOutput implements SourceOutput<String> {
        final List<String> values = new ArrayList<>();
        final List<StartingPosition> positionsBefore = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();
        KinesisShardSplitState state;

        @Override
        public void collect(String record) {
            collect(record, Long.MIN_VALUE);
        }

        @Override
        public void collect(String record, long timestamp) {
            values.add(record);
            positionsBefore.add(position(state));
            timestamps.add(timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    @Test
    void eachUserRecordIsEmittedWithItsKeyAndSubSequenceNumberAndThePositionAdvancesPerUserRecord()
            throws Exception {
        Record plain = proxy.addRecord(S0, "plain", T0);
        Record aggregated = proxy.addRecord(S0, threeUserRecords(), T0.plusMillis(5));
        KinesisRecordEmitter<String> emitter = emitter();
        KinesisShardSplitState state = state(StartingPosition.trimHorizon());
        PositionRecordingOutput out = new PositionRecordingOutput();
        out.state = state;

        emitter.emitRecord(plain, out, state);
        emitter.emitRecord(aggregated, out, state);

        assertThat(out.values).containsExactly("pk-0|-1|plain", "a|0|one", "b|1|two", "a|2|three");
        String s = aggregated.sequenceNumber();
        // the position when each value went out: after the previous value's (user) record
        assertThat(out.positionsBefore)
                .containsExactly(
                        StartingPosition.trimHorizon(),
                        StartingPosition.afterSequenceNumber(plain.sequenceNumber()),
                        StartingPosition.afterSequenceNumber(s, 0),
                        StartingPosition.afterSequenceNumber(s, 1));
        assertThat(position(state)).isEqualTo(StartingPosition.afterSequenceNumber(s));
        assertThat(out.timestamps)
                .containsExactly(
                        T0.toEpochMilli(),
                        T0.toEpochMilli() + 5,
                        T0.toEpochMilli() + 5,
                        T0.toEpochMilli() + 5);
        assertThat(malformed.getCount()).isZero();
    }

    @Test
    void resumingInsideAnAggregateSkipsTheUserRecordsAlreadyEmitted() throws Exception {
        Record aggregated = proxy.addRecord(S0, threeUserRecords(), T0);
        Record next = proxy.addRecord(S0, new Aggregate().add("c", "four").toBytes(), T0);
        String s = aggregated.sequenceNumber();
        KinesisRecordEmitter<String> emitter = emitter();

        KinesisShardSplitState afterFirst = state(StartingPosition.afterSequenceNumber(s, 0));
        PositionRecordingOutput out = new PositionRecordingOutput();
        out.state = afterFirst;
        emitter.emitRecord(aggregated, out, afterFirst);
        emitter.emitRecord(next, out, afterFirst);
        assertThat(out.values).containsExactly("b|1|two", "a|2|three", "c|0|four");
        assertThat(out.positionsBefore.get(1))
                .isEqualTo(StartingPosition.afterSequenceNumber(s, 1));
        assertThat(position(afterFirst))
                .isEqualTo(StartingPosition.afterSequenceNumber(next.sequenceNumber()));

        // after the last user record but one; and at the last (nothing left of that record)
        KinesisShardSplitState afterSecond = state(StartingPosition.afterSequenceNumber(s, 1));
        TestingReaderOutput<String> rest = new TestingReaderOutput<>();
        emitter.emitRecord(aggregated, rest, afterSecond);
        assertThat(rest.getEmittedRecords()).containsExactly("a|2|three");
        KinesisShardSplitState afterLast = state(StartingPosition.afterSequenceNumber(s, 2));
        TestingReaderOutput<String> none = new TestingReaderOutput<>();
        emitter.emitRecord(aggregated, none, afterLast);
        assertThat(none.getEmittedRecords()).isEmpty();
        assertThat(position(afterLast)).isEqualTo(StartingPosition.afterSequenceNumber(s));
    }

    @Test
    void aMalformedAggregateIsEmittedAsOnePlainRecordAndCounted() throws Exception {
        byte[] data = threeUserRecords();
        data[10] ^= 0x40; // the digest no longer matches
        Record broken = proxy.addRecord(S0, data, T0);
        KinesisShardSplitState state = state(StartingPosition.trimHorizon());
        TestingReaderOutput<String> out = new TestingReaderOutput<>();
        emitter().emitRecord(broken, out, state);

        assertThat(out.getEmittedRecords())
                .containsExactly("pk-0|-1|" + new String(data, StandardCharsets.UTF_8));
        assertThat(malformed.getCount()).isEqualTo(1);
        assertThat(position(state))
                .isEqualTo(StartingPosition.afterSequenceNumber(broken.sequenceNumber()));
    }

    @Test
    void anAggregateOutsideTheShardGivesNoRowButThePositionMovesPastIt() throws Exception {
        Record inside = proxy.addRecord(S0, new Aggregate().add("a", "one").toBytes(), T0);
        Record mixed =
                proxy.addRecord(
                        S0, new Aggregate().add("a", "two").add("b", "three").toBytes(), T0);
        Record explicitlyOutside =
                proxy.addRecord(
                        S0,
                        new Aggregate()
                                .add(
                                        "a",
                                        HashKeyRange.MAX_HASH_KEY.toString(),
                                        "four".getBytes(StandardCharsets.UTF_8))
                                .toBytes(),
                        T0);
        Record plain = proxy.addRecord(S0, "five", T0);
        KinesisRecordEmitter<String> emitter = emitter();
        KinesisShardSplitState state = state(StartingPosition.trimHorizon(), LOWER_HALF);
        PositionRecordingOutput out = new PositionRecordingOutput();
        out.state = state;

        emitter.emitRecord(inside, out, state);
        emitter.emitRecord(mixed, out, state);
        // a checkpoint now resumes after the dropped aggregate: it is not read again
        assertThat(position(state))
                .isEqualTo(StartingPosition.afterSequenceNumber(mixed.sequenceNumber()));
        emitter.emitRecord(explicitlyOutside, out, state);
        assertThat(position(state))
                .isEqualTo(
                        StartingPosition.afterSequenceNumber(explicitlyOutside.sequenceNumber()));
        emitter.emitRecord(plain, out, state); // plain records are never checked

        assertThat(out.values).containsExactly("a|0|one", "pk-3|-1|five");
        assertThat(out.positionsBefore.get(1))
                .isEqualTo(
                        StartingPosition.afterSequenceNumber(explicitlyOutside.sequenceNumber()));
        assertThat(outOfShard.getCount()).isEqualTo(2);
        assertThat(malformed.getCount()).isZero();

        // the same records from a split whose range is unknown: nothing is dropped
        TestingReaderOutput<String> all = new TestingReaderOutput<>();
        KinesisShardSplitState unknown = state(StartingPosition.trimHorizon());
        for (Record r : List.of(inside, mixed, explicitlyOutside, plain)) {
            emitter.emitRecord(r, all, unknown);
        }
        assertThat(all.getEmittedRecords())
                .containsExactly("a|0|one", "a|0|two", "b|1|three", "a|0|four", "pk-3|-1|five");
        assertThat(outOfShard.getCount()).isEqualTo(2);
    }

    @Test
    void anUndecodableUserRecordFailsNamingStreamShardSequenceAndSubSequenceNumber()
            throws Exception {
        Record aggregated =
                proxy.addRecord(S0, new Aggregate().add("a", "ok").add("b", "fail").toBytes(), T0);
        KinesisShardSplitState state = state(StartingPosition.trimHorizon());
        TestingReaderOutput<String> out = new TestingReaderOutput<>();
        assertThatThrownBy(() -> emitter().emitRecord(aggregated, out, state))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("stream 'orders'")
                .hasMessageContaining("shard '" + S0 + "'")
                .hasMessageContaining(
                        "sequence number "
                                + aggregated.sequenceNumber()
                                + ", sub-sequence number 1")
                .hasMessageContaining("not a valid value");
        assertThat(out.getEmittedRecords()).containsExactly("a|0|ok");
        assertThat(position(state))
                .isEqualTo(StartingPosition.afterSequenceNumber(aggregated.sequenceNumber(), 0));
    }

    @Test
    void aPlainRecordsErrorHasNoSubSequenceNumber() {
        Record plain = proxy.addRecord(S0, "fail", T0);
        assertThatThrownBy(
                        () ->
                                emitter()
                                        .emitRecord(
                                                plain,
                                                new TestingReaderOutput<>(),
                                                state(StartingPosition.trimHorizon())))
                .hasMessageContaining("sequence number " + plain.sequenceNumber() + " with")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sub-sequence"));
    }

    // ---- the whole reader: fetcher, emitter, checkpoints ----

    private KinesisSourceReader<String> reader() {
        KinesisSourceConfig config =
                TestSources.builder(proxy).stream(ORDERS)
                        .emptyFetchInterval(Duration.ofMillis(5))
                        .nonEmptyFetchInterval(Duration.ofMillis(5))
                        .getRecordsMaxCount(2)
                        .build()
                        .config();
        return TestReaders.reader(proxy, config, emitter(), new TestingReaderContext());
    }

    @Test
    void aReaderRestoredInsideAnAggregateReadsItAgainAndEmitsOnlyTheRest() throws Exception {
        proxy.addRecord(S0, "before", T0);
        Record aggregated = proxy.addRecord(S0, threeUserRecords(), T0);
        proxy.addRecord(S0, "after", T0);
        proxy.addRecord(S0, new Aggregate().add("d", "five").add("e", "six").toBytes(), T0);
        String s = aggregated.sequenceNumber();

        // a checkpoint taken after user record 0 of the aggregate, through the split serializer
        KinesisShardSplit checkpointed =
                SERIALIZER.deserialize(
                        SERIALIZER.getVersion(),
                        SERIALIZER.serialize(
                                new KinesisShardSplit(
                                        ORDERS,
                                        S0,
                                        StartingPosition.afterSequenceNumber(s, 0),
                                        StopCondition.none(),
                                        List.of())));
        TestingReaderOutput<String> out = new TestingReaderOutput<>();
        try (KinesisSourceReader<String> reader = reader()) {
            reader.start();
            reader.addSplits(List.of(checkpointed));
            TestReaders.pollUntil(reader, out, 5);
            assertThat(out.getEmittedRecords())
                    .containsExactly(
                            "b|1|two", "a|2|three", "pk-2|-1|after", "d|0|five", "e|1|six");
            assertThat(reader.snapshotState(1L))
                    .singleElement()
                    .satisfies(
                            split ->
                                    assertThat(split.startingPosition())
                                            .isEqualTo(
                                                    StartingPosition.afterSequenceNumber("00003")));
        }
        assertThat(proxy.calls())
                .contains("getShardIterator " + S0 + " AFTER_SEQUENCE_NUMBER(" + s + "/0)")
                .contains("getRecords " + S0 + "/1");
    }

    @Test
    void aReaderGivenASplitWithARangeDropsAggregatesOutsideItAndCheckpointsPastThem()
            throws Exception {
        proxy.addRecord(S0, new Aggregate().add("a", "one").add("a", "two").toBytes(), T0);
        proxy.addRecord(S0, new Aggregate().add("a", "lost").add("b", "lost").toBytes(), T0);
        proxy.addRecord(S0, new Aggregate().add("b", "lost").toBytes(), T0);
        proxy.addRecord(S0, new Aggregate().add("a", "three").toBytes(), T0);
        // the range survives the split's checkpoint form
        KinesisShardSplit split =
                SERIALIZER.deserialize(
                        SERIALIZER.getVersion(),
                        SERIALIZER.serialize(
                                new KinesisShardSplit(
                                        ORDERS,
                                        S0,
                                        StartingPosition.trimHorizon(),
                                        StopCondition.none(),
                                        List.of(),
                                        LOWER_HALF)));
        TestingReaderOutput<String> out = new TestingReaderOutput<>();
        try (KinesisSourceReader<String> reader = reader()) {
            reader.start();
            reader.addSplits(List.of(split));
            TestReaders.pollUntil(reader, out, 3);
            assertThat(out.getEmittedRecords()).containsExactly("a|0|one", "a|1|two", "a|0|three");
            assertThat(reader.snapshotState(1L))
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.startingPosition())
                                        .isEqualTo(StartingPosition.afterSequenceNumber("00003"));
                                assertThat(s.hashKeyRange()).isEqualTo(LOWER_HALF);
                            });
        }
        assertThat(outOfShard.getCount()).isEqualTo(2);
    }

    @Test
    void aReaderEmitsEveryUserRecordOnceAcrossFetchesAndCheckpointsAfterWholeRecords()
            throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Aggregate aggregate = new Aggregate();
            for (int j = 0; j <= i; j++) {
                aggregate.add("k" + j, i + "." + j);
                expected.add("k" + j + "|" + j + "|" + i + "." + j);
            }
            proxy.addRecord(S0, aggregate.toBytes(), T0);
        }
        TestingReaderOutput<String> out = new TestingReaderOutput<>();
        try (KinesisSourceReader<String> reader = reader()) {
            reader.start();
            reader.addSplits(
                    List.of(
                            new KinesisShardSplit(
                                    ORDERS,
                                    S0,
                                    StartingPosition.trimHorizon(),
                                    StopCondition.none(),
                                    List.of())));
            TestReaders.pollUntil(reader, out, expected.size());
            assertThat(out.getEmittedRecords()).containsExactlyElementsOf(expected);
            assertThat(reader.snapshotState(1L).get(0).startingPosition())
                    .isEqualTo(StartingPosition.afterSequenceNumber("00004"));
        }
    }
}
