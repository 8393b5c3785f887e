package io.github.flinkkinesis.kinesis.testutil.fakes;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.KinesisDeserializationSchema;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.source.reader.KinesisRecordEmitter;
import io.github.flinkkinesis.kinesis.source.reader.KinesisSourceReader;
import io.github.flinkkinesis.kinesis.source.reader.PollingMetrics;
import io.github.flinkkinesis.kinesis.source.reader.PollingSplitReader;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * Whole source readers over a {@link FakeStreamProxy}, their record emitters, and polling them, for
 * unit tests.
 */
public final class TestReaders {

    private TestReaders() {}

    /** A reader with {@code config}'s fetcher threads, every fetcher reading {@code proxy}. */
    public static KinesisSourceReader<String> reader(
            FakeStreamProxy proxy,
            KinesisSourceConfig config,
            KinesisRecordEmitter<String> emitter,
            SourceReaderContext context) {
        PollingMetrics metrics = PollingMetrics.registeredOn(new UnregisteredMetricsGroup(), false);
        return new KinesisSourceReader<>(
                () -> new PollingSplitReader(proxy, config, metrics),
                emitter,
                config.fetcherThreads(),
                new Configuration(),
                context);
    }

    /** A record emitter whose de-aggregation metrics go nowhere. */
    public static <T> KinesisRecordEmitter<T> emitter(
            KinesisDeserializationSchema<T> deserializer) {
        return new KinesisRecordEmitter<>(
                deserializer, new KplDeaggregator(new UnregisteredMetricsGroup()));
    }

    /** A split reading {@code shardId} from its oldest record, forever, range unknown. */
    public static KinesisShardSplit fromTrimHorizon(String shardId) {
        return new KinesisShardSplit(
                TestSplits.STREAM,
                shardId,
                StartingPosition.trimHorizon(),
                StopCondition.none(),
                List.of());
    }

    /** Polls until {@code count} values were emitted or the reader has nothing more. */
    public static void pollUntil(
            KinesisSourceReader<String> reader, TestingReaderOutput<String> out, int count)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.getEmittedRecords().size() < count && System.nanoTime() < deadline) {
            InputStatus status = reader.pollNext(out);
            if (status == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(10, TimeUnit.SECONDS);
            } else if (status == InputStatus.END_OF_INPUT) {
                return;
            }
        }
    }
}
