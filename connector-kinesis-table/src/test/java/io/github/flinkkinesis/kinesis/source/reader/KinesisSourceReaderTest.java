package io.github.flinkkinesis.kinesis.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.TestSources;
import io.github.flinkkinesis.kinesis.source.enumerator.SplitsFinishedEvent;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestReaders;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import io.github.flinkkinesis.kinesis.testutil.fakes.Utf8Deserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Record;

/** The reader end to end over a fake stream: positions, finished shards, decode errors. */
class KinesisSourceReaderTest {

    private static final String S0 = "shardId-000000000000";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeStreamProxy proxy = new FakeStreamProxy().addShard(S0);
    private final TestingReaderContext context = new TestingReaderContext();

    private KinesisSourceReader<String> reader() {
        KinesisSourceConfig config =
                TestSources.builder(proxy)
                        .emptyFetchInterval(Duration.ofMillis(5))
                        .nonEmptyFetchInterval(Duration.ofMillis(5))
                        .build()
                        .config();
        return TestReaders.reader(
                proxy, config, TestReaders.emitter(new Utf8Deserializer()), context);
    }

    @Test
    void checkpointResumesAfterTheLastEmittedRecordAndFinishedShardsAreReportedAndRetained()
            throws Exception {
        for (int i = 0; i < 3; i++) {
            proxy.addRecord(S0, "r" + i, T0.plusMillis(i));
        }
        TestingReaderOutput<String> out = new TestingReaderOutput<>();
        try (KinesisSourceReader<String> reader = reader()) {
            reader.start();
            reader.addSplits(List.of(TestReaders.fromTrimHorizon(S0)));
            TestReaders.pollUntil(reader, out, 3);
            assertThat(out.getEmittedRecords()).containsExactly("r0", "r1", "r2");
            assertThat(reader.snapshotState(1L))
                    .singleElement()
                    .satisfies(
                            s ->
                                    assertThat(s.startingPosition())
                                            .isEqualTo(
                                                    StartingPosition.afterSequenceNumber("00002")));

            proxy.closeShard(S0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (context.getSentEvents().isEmpty() && System.nanoTime() < deadline) {
                if (reader.pollNext(out) == InputStatus.NOTHING_AVAILABLE) {
                    reader.isAvailable().get(10, TimeUnit.SECONDS);
                }
            }
            assertThat(context.getSentEvents())
                    .singleElement()
                    .satisfies(
                            e ->
                                    assertThat(((SplitsFinishedEvent) e).finishedSplitIds())
                                            .containsExactly(TestSplits.id(S0)));

            // kept in checkpoints until a checkpoint after the first one carrying it completes
            assertThat(reader.snapshotState(2L))
                    .singleElement()
                    .satisfies(s -> assertThat(s.startingPosition().isShardEnd()).isTrue());
            reader.notifyCheckpointComplete(2L);
            assertThat(reader.snapshotState(3L)).hasSize(1);
            reader.notifyCheckpointComplete(3L);
            assertThat(reader.snapshotState(4L)).isEmpty();
        }
    }

    @Test
    void undecodableRecordFailsWithStreamShardAndSequenceNumber() {
        Record bad = proxy.addRecord(S0, "fail", T0);
        KinesisRecordEmitter<String> emitter = TestReaders.emitter(new Utf8Deserializer());
        KinesisShardSplitState state = new KinesisShardSplitState(TestReaders.fromTrimHorizon(S0));
        assertThatThrownBy(() -> emitter.emitRecord(bad, new TestingReaderOutput<>(), state))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("stream '" + TestSplits.STREAM.name() + "'")
                .hasMessageContaining("shard '" + S0 + "'")
                .hasMessageContaining("sequence number " + bad.sequenceNumber())
                .hasMessageContaining("not a valid value")
                .hasMessageContaining("'format'")
                // SQL clients print the deepest cause only: this message must be that one, with
                // the format's own exception kept as suppressed
                .satisfies(
                        e -> {
                            assertThat(e.getCause()).isNull();
                            assertThat(e.getSuppressed()).hasSize(1);
                            assertThat(e.getSuppressed()[0]).hasNoCause();
                        });
        assertThat(state.toSplit().startingPosition()).isEqualTo(StartingPosition.trimHorizon());
    }

    @Test
    void emittedRecordsCarryTheArrivalTimeAsTimestamp() throws Exception {
        Record record = proxy.addRecord(S0, "x", T0);
        KinesisRecordEmitter<String> emitter = TestReaders.emitter(new Utf8Deserializer());
        KinesisShardSplitState state =
                new KinesisShardSplitState(
                        new KinesisShardSplit(
                                TestSplits.STREAM,
                                S0,
                                StartingPosition.latest(),
                                StopCondition.none(),
                                List.of()));
        TimestampCapturingOutput out = new TimestampCapturingOutput();
        emitter.emitRecord(record, out, state);
        assertThat(out.timestamp).isEqualTo(T0.toEpochMilli());
        assertThat(state.toSplit().startingPosition())
                .isEqualTo(StartingPosition.afterSequenceNumber(record.sequenceNumber()));
    }

    private static final class TimestampCapturingOutput
            implements org.apache.flink.api.connector.source.SourceOutput<String> {
        long timestamp = -1;

        @Override
        public void collect(String record) {}

        @Override
        public void collect(String record, long timestamp) {
            this.timestamp = timestamp;
        }

        @Override
        public void emitWatermark(org.apache.flink.api.common.eventtime.Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
