package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.KinesisSource;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import io.github.flinkkinesis.kinesis.table.metadata.ReadableMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsLimitPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.types.DataType;

/**
 * The {@code kinesis} table as a scan source: decodes records with the table's value format,
 * appends the requested metadata columns, reads only the projected physical fields, and generates
 * watermarks per shard: the pushed-down strategy (with the planner's idleness and alignment
 * settings, {@code scan.watermark.*}) runs once per shard, a subtask emits the minimum over its
 * active shards, and alignment pauses the polling of a shard that runs ahead (see {@code
 * PollingSplitReader}). Bounded when a stop position is set.
 *
 * <p>Push-downs narrow what is read, never what a query returns (see docs/kinesis.md,
 * "Push-downs"):
 *
 * <ul>
 *   <li>a lower bound on the {@code timestamp} metadata column starts the read AT_TIMESTAMP when it
 *       is later than the configured start (not with LATEST, which already starts at job start);
 *   <li>an upper bound ends a bounded read earlier; it does not make an unbounded table bounded,
 *       because a WHERE clause must not turn a streaming job into one that finishes;
 *   <li>{@code shard-id = …} / {@code IN (…)} reads only the named shards (not their children,
 *       whose rows carry other ids);
 *   <li>{@code LIMIT n} on a bounded read makes each reader stop once it emitted n rows.
 * </ul>
 *
 * Every pushed filter also stays in the plan ({@link #applyFilters} returns it as remaining), so
 * results are exact even where Kinesis' arrival times or a restored savepoint disagree with the
 * pushed window: a pushed start only applies to shards discovered by a new job.
 */
@Internal
public final class KinesisDynamicSource
        implements ScanTableSource,
                SupportsReadingMetadata,
                SupportsProjectionPushDown,
                SupportsWatermarkPushDown,
                SupportsFilterPushDown,
                SupportsLimitPushDown {

    private final DataType physicalDataType;
    private final DecodingFormat<DeserializationSchema<RowData>> decodingFormat;
    private final KinesisSourceConfig config;
    private final AwsConfig awsConfig;

    /** Top-level physical fields to produce, or null for all. */
    @Nullable private int[][] projection;

    private List<String> metadataKeys = List.of();
    @Nullable private DataType producedDataType;
    @Nullable private WatermarkStrategy<RowData> watermarkStrategy;

    /** What pushed-down filters restrict, combined. */
    private SourceFilters filters = SourceFilters.none();

    /** A pushed-down LIMIT, or 0. */
    private long limit;

    public KinesisDynamicSource(
            DataType physicalDataType,
            DecodingFormat<DeserializationSchema<RowData>> decodingFormat,
            KinesisSourceConfig config,
            AwsConfig awsConfig) {
        this.physicalDataType = Objects.requireNonNull(physicalDataType);
        this.decodingFormat = Objects.requireNonNull(decodingFormat);
        this.config = Objects.requireNonNull(config);
        this.awsConfig = Objects.requireNonNull(awsConfig);
    }

    /** The validated source settings of the table. */
    public KinesisSourceConfig sourceConfig() {
        return config;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return decodingFormat.getChangelogMode();
    }

    /**
     * The table's settings narrowed by the push-downs: the later of the configured and the pushed
     * start, the earlier of the configured and the pushed stop (bounded reads only), the pushed
     * shards and, for a bounded read, the pushed LIMIT per reader.
     */
    KinesisSourceConfig effectiveConfig() {
        KinesisSourceConfig.Builder b = config.toBuilder();
        StartingPosition start = config.initialPosition();
        Instant from = filters.from();
        Instant until = filters.until();
        if (from != null
                && (until == null || from.isBefore(until))
                && (start.type() == StartingPosition.Type.TRIM_HORIZON
                        || (start.type() == StartingPosition.Type.AT_TIMESTAMP
                                && from.isAfter(start.timestamp())))) {
            start = StartingPosition.atTimestamp(from);
            b.initialPosition(start);
        }
        // a stop at or before an AT_TIMESTAMP start would read nothing: the builder rejects it,
        // and the filter that stays in the plan returns no row anyway
        boolean stopAfterStart =
                until != null
                        && (start.type() != StartingPosition.Type.AT_TIMESTAMP
                                || until.isAfter(start.timestamp()));
        if (stopAfterStart && config.stopKind() == StopCondition.Kind.AT_TIMESTAMP) {
            if (until.toEpochMilli() < config.stopConditionAt(0).timestampMillis()) {
                b.stopAtTimestamp(until);
            }
        } else if (stopAfterStart && config.stopKind() == StopCondition.Kind.LATEST) {
            b.stopNoLaterThan(until);
        }
        if (filters.shards() != null) {
            b.onlyShards(filters.shards());
        }
        if (limit > 0 && config.isBounded()) {
            b.rowLimitPerReader(limit);
        }
        return b.build();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        KinesisSourceConfig effective = effectiveConfig();
        KinesisSource<RowData> source =
                KinesisSource.<RowData>builder()
                        .config(effective)
                        .awsConfig(awsConfig)
                        .deserializer(deserializer(context))
                        .build();
        WatermarkStrategy<RowData> watermarks =
                watermarkStrategy == null ? WatermarkStrategy.noWatermarks() : watermarkStrategy;
        String name = summary(effective);
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment env) {
                DataStreamSource<RowData> stream = env.fromSource(source, watermarks, name);
                providerContext.generateUid("kinesis-source").ifPresent(stream::uid);
                return stream;
            }

            @Override
            public boolean isBounded() {
                return config.isBounded();
            }
        };
    }

    private RowDataKinesisDeserializer deserializer(ScanContext context) {
        DataType physicalProduced;
        DeserializationSchema<RowData> format;
        int[] manualProjection = null;
        if (projection == null) {
            physicalProduced = physicalDataType;
            format = decodingFormat.createRuntimeDecoder(context, physicalDataType);
        } else if (decodingFormat instanceof ProjectableDecodingFormat) {
            physicalProduced = Projection.of(projection).project(physicalDataType);
            format =
                    ((ProjectableDecodingFormat<DeserializationSchema<RowData>>) decodingFormat)
                            .createRuntimeDecoder(context, physicalDataType, projection);
        } else {
            physicalProduced = Projection.of(projection).project(physicalDataType);
            format = decodingFormat.createRuntimeDecoder(context, physicalDataType);
            manualProjection = new int[projection.length];
            for (int i = 0; i < projection.length; i++) {
                manualProjection[i] = projection[i][0];
            }
        }
        ReadableMetadata[] metadata =
                metadataKeys.stream().map(ReadableMetadata::ofKey).toArray(ReadableMetadata[]::new);
        DataType produced = producedDataType;
        if (produced == null) {
            produced = physicalProduced;
        }
        return new RowDataKinesisDeserializer(
                format, manualProjection, metadata, context.createTypeInformation(produced));
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> metadata = new LinkedHashMap<>();
        for (ReadableMetadata m : ReadableMetadata.values()) {
            metadata.put(m.key(), m.dataType());
        }
        return metadata;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        this.metadataKeys = new ArrayList<>(metadataKeys);
        this.producedDataType = producedDataType;
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        boolean identity =
                projectedFields.length == DataType.getFieldCount(physicalDataType)
                        && IntStream.range(0, projectedFields.length)
                                .allMatch(i -> projectedFields[i][0] == i);
        this.projection = identity ? null : projectedFields;
        this.producedDataType = producedDataType;
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        this.watermarkStrategy = watermarkStrategy;
    }

    @Override
    public Result applyFilters(List<ResolvedExpression> filters) {
        List<ResolvedExpression> accepted = new ArrayList<>();
        SourceFilters combined = this.filters;
        for (ResolvedExpression filter : filters) {
            Optional<SourceFilters> understood = SourceFilters.of(filter, this::metadataKeyOf);
            if (understood.isPresent()) {
                accepted.add(filter);
                combined = combined.and(understood.get());
            }
        }
        this.filters = combined;
        // every filter stays in the plan: the source reads a superset of the matching rows
        return Result.of(accepted, filters);
    }

    /** The metadata key of the produced field at {@code index}, or null for a physical field. */
    @Nullable
    private String metadataKeyOf(int index) {
        DataType produced = producedDataType == null ? physicalDataType : producedDataType;
        int firstMetadata = DataType.getFieldCount(produced) - metadataKeys.size();
        return index >= firstMetadata && index < DataType.getFieldCount(produced)
                ? metadataKeys.get(index - firstMetadata)
                : null;
    }

    @Override
    public void applyLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public DynamicTableSource copy() {
        KinesisDynamicSource copy =
                new KinesisDynamicSource(physicalDataType, decodingFormat, config, awsConfig);
        copy.projection = projection;
        copy.metadataKeys = metadataKeys;
        copy.producedDataType = producedDataType;
        copy.watermarkStrategy = watermarkStrategy;
        copy.filters = filters;
        copy.limit = limit;
        return copy;
    }

    /**
     * Names the source with what it reads, e.g. {@code KinesisSource[orders,
     * startAt=AT_TIMESTAMP(…), stop=AT_TIMESTAMP(…), shards=[shardId-000000000001], limit=10]}.
     */
    @Override
    public String asSummaryString() {
        return summary(effectiveConfig());
    }

    /** What a source with these settings reads, as its name shows it. */
    static String summary(KinesisSourceConfig c) {
        StringBuilder s = new StringBuilder("KinesisSource[");
        if (c.streamPattern() != null) {
            s.append("pattern=").append(c.streamPattern());
        } else {
            s.append(c.streams().stream().map(StreamId::name).collect(Collectors.joining(";")));
        }
        s.append(", startAt=").append(c.initialPosition());
        if (c.isBounded()) {
            s.append(", stop=").append(c.stopKind());
            if (c.stopKind() == StopCondition.Kind.AT_TIMESTAMP) {
                s.append('(')
                        .append(Instant.ofEpochMilli(c.stopConditionAt(0).timestampMillis()))
                        .append(')');
            } else if (c.stopNoLaterThan() != null) {
                s.append("(no later than ").append(c.stopNoLaterThan()).append(')');
            }
        }
        if (c.onlyShards() != null) {
            s.append(", shards=").append(new TreeSet<>(c.onlyShards()));
        }
        if (c.rowLimitPerReader() > 0) {
            s.append(", limit=").append(c.rowLimitPerReader());
        }
        return s.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisDynamicSource)) {
            return false;
        }
        KinesisDynamicSource that = (KinesisDynamicSource) o;
        return physicalDataType.equals(that.physicalDataType)
                && decodingFormat.equals(that.decodingFormat)
                && config.equals(that.config)
                && awsConfig.equals(that.awsConfig)
                && Arrays.deepEquals(projection, that.projection)
                && metadataKeys.equals(that.metadataKeys)
                && Objects.equals(producedDataType, that.producedDataType)
                && Objects.equals(watermarkStrategy, that.watermarkStrategy)
                && filters.equals(that.filters)
                && limit == that.limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                physicalDataType,
                decodingFormat,
                config,
                metadataKeys,
                producedDataType,
                filters,
                limit);
    }
}
