package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.proxy.KinesisPutRecordsProxy;
import io.github.flinkkinesis.kinesis.sink.KinesisSink;
import io.github.flinkkinesis.kinesis.sink.KinesisSinkConfig;
import io.github.flinkkinesis.kinesis.sink.RowDataToEntryConverter;
import io.github.flinkkinesis.kinesis.sink.partitioner.KinesisPartitioner;
import io.github.flinkkinesis.kinesis.table.metadata.WritableMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.table.connector.sink.abilities.SupportsWritingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * The table sink of a {@code kinesis} table: a planning-time description that becomes a {@link
 * KinesisSink} of rows.
 *
 * <p>It accepts the writable metadata columns of {@link WritableMetadata}, tables declared with
 * {@code PARTITIONED BY} (the partitioner then joins those fields; static partitions of {@code
 * INSERT ... PARTITION (...)} reach it as ordinary column values) and any value format, whose
 * changelog mode it reports, so a changelog format such as {@code debezium-json} receives updates
 * and deletes. Which partitioner is used was decided and validated by the factory.
 */
@Internal
public class KinesisDynamicSink
        implements DynamicTableSink, SupportsWritingMetadata, SupportsPartitioning {

    private final EncodingFormat<SerializationSchema<RowData>> valueFormat;
    private final DataType physicalDataType;
    private final KinesisSinkConfig sinkConfig;
    private final AwsConfig awsConfig;
    private final KinesisPartitioner<RowData> partitioner;
    private final String partitionerOrigin;
    private final boolean trustedPartitioner;

    private List<String> metadataKeys = Collections.emptyList();

    /**
     * @param partitioner used when a row has no partition-key metadata column
     * @param partitionerOrigin names the partitioner in errors about its keys
     * @param trustedPartitioner whether its keys are valid by construction (built-in ones)
     */
    public KinesisDynamicSink(
            EncodingFormat<SerializationSchema<RowData>> valueFormat,
            DataType physicalDataType,
            KinesisSinkConfig sinkConfig,
            AwsConfig awsConfig,
            KinesisPartitioner<RowData> partitioner,
            String partitionerOrigin,
            boolean trustedPartitioner) {
        this.valueFormat = Objects.requireNonNull(valueFormat);
        this.physicalDataType = Objects.requireNonNull(physicalDataType);
        this.sinkConfig = Objects.requireNonNull(sinkConfig);
        this.awsConfig = Objects.requireNonNull(awsConfig);
        this.partitioner = Objects.requireNonNull(partitioner);
        this.partitionerOrigin = partitionerOrigin;
        this.trustedPartitioner = trustedPartitioner;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return valueFormat.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        SerializationSchema<RowData> valueSchema =
                valueFormat.createRuntimeEncoder(context, physicalDataType);
        int physicalArity = DataType.getFieldCount(physicalDataType);
        RowDataToEntryConverter converter =
                RowDataToEntryConverter.builder(valueSchema, physicalArity)
                        .partitionKeyMetadataPosition(
                                metadataPosition(WritableMetadata.PARTITION_KEY, physicalArity))
                        .explicitHashKeyMetadataPosition(
                                metadataPosition(WritableMetadata.EXPLICIT_HASH_KEY, physicalArity))
                        .partitioner(partitioner, partitionerOrigin, trustedPartitioner)
                        .build();
        return SinkV2Provider.of(
                new KinesisSink<>(
                        converter,
                        sinkConfig,
                        KinesisPutRecordsProxy.factory(sinkConfig.streamId(), awsConfig),
                        awsConfig.region().orElse(null)));
    }

    private int metadataPosition(WritableMetadata metadata, int physicalArity) {
        int index = metadataKeys.indexOf(metadata.key());
        return index < 0 ? -1 : physicalArity + index;
    }

    @Override
    public Map<String, DataType> listWritableMetadata() {
        return WritableMetadata.asMap();
    }

    @Override
    public void applyWritableMetadata(List<String> metadataKeys, DataType consumedDataType) {
        this.metadataKeys = new ArrayList<>(metadataKeys);
    }

    @Override
    public void applyStaticPartition(Map<String, String> partition) {
        // Nothing to keep: the planner also writes static partition values into the rows, where
        // the fields partitioner reads them.
    }

    @Override
    public boolean requiresPartitionGrouping(boolean supportsGrouping) {
        return false;
    }

    @Override
    public DynamicTableSink copy() {
        KinesisDynamicSink copy =
                new KinesisDynamicSink(
                        valueFormat,
                        physicalDataType,
                        sinkConfig,
                        awsConfig,
                        partitioner,
                        partitionerOrigin,
                        trustedPartitioner);
        copy.metadataKeys = new ArrayList<>(metadataKeys);
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "Kinesis(" + sinkConfig.stream() + ")";
    }

    public KinesisSinkConfig sinkConfig() {
        return sinkConfig;
    }

    public AwsConfig awsConfig() {
        return awsConfig;
    }

    public KinesisPartitioner<RowData> partitioner() {
        return partitioner;
    }

    public List<String> metadataKeys() {
        return Collections.unmodifiableList(metadataKeys);
    }

    /**
     * Two sinks are equal when they write the same rows the same way to the same stream.
     * Partitioners rarely implement equals, so they are compared by class and origin (which names
     * the PARTITIONED BY fields or the configured class).
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisDynamicSink)) {
            return false;
        }
        KinesisDynamicSink that = (KinesisDynamicSink) o;
        return valueFormat.equals(that.valueFormat)
                && physicalDataType.equals(that.physicalDataType)
                && sinkConfig.equals(that.sinkConfig)
                && awsConfig.equals(that.awsConfig)
                && partitioner.getClass().equals(that.partitioner.getClass())
                && Objects.equals(partitionerOrigin, that.partitionerOrigin)
                && trustedPartitioner == that.trustedPartitioner
                && metadataKeys.equals(that.metadataKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(physicalDataType, sinkConfig, partitionerOrigin, metadataKeys);
    }
}
