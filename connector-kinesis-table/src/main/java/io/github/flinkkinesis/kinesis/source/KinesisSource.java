package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.StreamProxyFactory;
import io.github.flinkkinesis.kinesis.proxy.StreamProxyLeases;
import io.github.flinkkinesis.kinesis.source.enumerator.KinesisEnumeratorState;
import io.github.flinkkinesis.kinesis.source.enumerator.KinesisEnumeratorStateSerializer;
import io.github.flinkkinesis.kinesis.source.enumerator.KinesisSourceEnumerator;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.source.reader.KinesisRecordEmitter;
import io.github.flinkkinesis.kinesis.source.reader.KinesisSourceReader;
import io.github.flinkkinesis.kinesis.source.reader.LimitingSplitReader;
import io.github.flinkkinesis.kinesis.source.reader.PollingMetrics;
import io.github.flinkkinesis.kinesis.source.reader.PollingSplitReader;
import io.github.flinkkinesis.kinesis.source.reader.RowCountingDeserializer;
import io.github.flinkkinesis.kinesis.source.reader.RowLimit;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplitSerializer;
import java.util.List;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * A FLIP-27 source that reads Kinesis data streams (one, a list, or those whose names match a
 * pattern) by polling GetRecords: one split per shard of each stream, shards assigned by the {@link
 * KinesisSourceEnumerator} (children after their parents), read by {@link KinesisSourceReader}s.
 * Exactly-once positions: each shard resumes after the last record it emitted before the
 * checkpoint. Bounded when a stop position is set. On Flink 2.x it reports its stream to Flink's
 * lineage graph ({@link FlinkLineSource}).
 *
 * <pre>{@code
 * KinesisSource<RowData> source = KinesisSource.<RowData>builder()
 *         .stream(StreamId.parse("orders"))
 *         .awsConfig(AwsConfig.fromMap(Map.of("aws.region", "us-east-1")))
 *         .deserializer(schema)
 *         .initialPosition(StartingPosition.trimHorizon())
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class KinesisSource<T>
        implements Source<T, KinesisShardSplit, KinesisEnumeratorState>,
                ResultTypeQueryable<T>,
                FlinkLineSource {

    private static final long serialVersionUID = 1L;

    /**
     * The metric group, under the source operator's, of the connector's source metrics (documented
     * in docs/kinesis.md, Metrics).
     */
    public static final String METRIC_GROUP = "kinesis";

    private final KinesisSourceConfig config;
    private final StreamProxyFactory proxyFactory;
    private final KinesisDeserializationSchema<T> deserializer;
    @Nullable private final String region;

    KinesisSource(
            KinesisSourceConfig config,
            StreamProxyFactory proxyFactory,
            KinesisDeserializationSchema<T> deserializer,
            @Nullable String region) {
        this.config = config;
        this.proxyFactory = proxyFactory;
        this.deserializer = deserializer;
        this.region = region;
    }

    @Override
    public List<StreamId> lineageStreams() {
        return config.streams();
    }

    @Override
    @Nullable
    public String lineageStreamPattern() {
        return config.streamPattern();
    }

    @Override
    @Nullable
    public String lineageRegion() {
        return region;
    }

    public static <T> KinesisSourceBuilder<T> builder() {
        return new KinesisSourceBuilder<>();
    }

    public KinesisSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, KinesisShardSplit> createReader(SourceReaderContext readerContext)
            throws Exception {
        deserializer.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return readerContext.metricGroup().addGroup("deserializer");
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return readerContext.getUserCodeClassLoader();
                    }
                });
        MetricGroup kinesisGroup = readerContext.metricGroup().addGroup(METRIC_GROUP);
        // one set of reader-wide metrics for all fetchers (a second registration would be dropped)
        PollingMetrics pollingMetrics =
                PollingMetrics.registeredOn(kinesisGroup, config.readsSeveralStreams());
        // one SDK client for all fetchers of this reader
        StreamProxyLeases proxies = new StreamProxyLeases(proxyFactory);
        Supplier<SplitReader<Record, KinesisShardSplit>> splitReaders =
                () -> new PollingSplitReader(proxies.acquire(), config, pollingMetrics);
        KinesisDeserializationSchema<T> emitting = deserializer;
        if (config.rowLimitPerReader() > 0) {
            // a pushed-down LIMIT: count emitted rows, stop fetching once there are enough
            RowLimit limit = new RowLimit(config.rowLimitPerReader());
            Supplier<SplitReader<Record, KinesisShardSplit>> unlimited = splitReaders;
            splitReaders = () -> new LimitingSplitReader(unlimited.get(), limit);
            emitting = new RowCountingDeserializer<>(deserializer, limit);
        }
        return new KinesisSourceReader<>(
                splitReaders,
                new KinesisRecordEmitter<>(emitting, new KplDeaggregator(kinesisGroup)),
                config.fetcherThreads(),
                readerContext.getConfiguration() == null
                        ? new Configuration()
                        : readerContext.getConfiguration(),
                readerContext);
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> enumContext) {
        return restoreEnumerator(enumContext, KinesisEnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> enumContext,
            KinesisEnumeratorState checkpoint) {
        return new KinesisSourceEnumerator(enumContext, config, proxyFactory.create(), checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
        return new KinesisShardSplitSerializer(config.singleStream());
    }

    @Override
    public SimpleVersionedSerializer<KinesisEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new KinesisEnumeratorStateSerializer(config.singleStream());
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }
}
