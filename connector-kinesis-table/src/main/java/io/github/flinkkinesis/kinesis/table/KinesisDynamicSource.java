package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.source.KinesisSource;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.table.metadata.ReadableMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * The {@code kinesis} table as a scan source: decodes records with the table's value format,
 * appends the requested metadata columns, reads only the projected physical fields, and generates
 * watermarks per shard: the pushed-down strategy (with the planner's idleness and alignment
 * settings, {@code scan.watermark.*}) runs once per shard, a subtask emits the minimum over its
 * active shards, and alignment pauses the polling of a shard that runs ahead (see {@code
 * PollingSplitReader}). Bounded when a stop position is set.
 */
@Internal
public final class KinesisDynamicSource
        implements ScanTableSource,
                SupportsReadingMetadata,
                SupportsProjectionPushDown,
                SupportsWatermarkPushDown {

    private final DataType physicalDataType;
    private final DecodingFormat<DeserializationSchema<RowData>> decodingFormat;
    private final KinesisSourceConfig config;
    private final AwsConfig awsConfig;

    /** Top-level physical fields to produce, or null for all. */
    @Nullable private int[][] projection;

    private List<String> metadataKeys = List.of();
    @Nullable private DataType producedDataType;
    @Nullable private WatermarkStrategy<RowData> watermarkStrategy;

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

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        KinesisSource<RowData> source =
                KinesisSource.<RowData>builder()
                        .config(config)
                        .awsConfig(awsConfig)
                        .deserializer(deserializer(context))
                        .build();
        WatermarkStrategy<RowData> watermarks =
                watermarkStrategy == null ? WatermarkStrategy.noWatermarks() : watermarkStrategy;
        String name = "Kinesis[" + config.stream().name() + "]";
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
    public DynamicTableSource copy() {
        KinesisDynamicSource copy =
                new KinesisDynamicSource(physicalDataType, decodingFormat, config, awsConfig);
        copy.projection = projection;
        copy.metadataKeys = metadataKeys;
        copy.producedDataType = producedDataType;
        copy.watermarkStrategy = watermarkStrategy;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "Kinesis";
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
                && Objects.equals(watermarkStrategy, that.watermarkStrategy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                physicalDataType, decodingFormat, config, metadataKeys, producedDataType);
    }
}
