package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.sink.partitioner.KinesisPartitioner;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.ProjectedRowData;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * Turns a table row into a {@link KinesisSinkEntry}: the value format serializes the physical
 * columns; the partition key comes, in this order, from the {@code partition-key} metadata column,
 * else from the partitioner (PARTITIONED BY fields, {@code fixed}, {@code random} or a custom
 * class); the {@code explicit-hash-key} metadata column, when declared, sets the explicit hash key.
 *
 * <p>The planner appends the metadata columns after the physical ones, so a row is {@code
 * [physical..., metadata...]}; the value format sees a zero-copy projection of the physical part.
 * Keys are checked here, so a bad one fails with a message that names where it came from.
 *
 * <p>It is opened through {@link FlinkLineElementConverter}, the seam that makes Flink 1.20 call
 * {@link #open(WriterInitContext)} as 2.x does.
 */
@Internal
public final class RowDataToEntryConverter
        implements FlinkLineElementConverter<RowData, KinesisSinkEntry> {

    private static final long serialVersionUID = 1L;

    private final SerializationSchema<RowData> valueSchema;
    private final int physicalArity;
    private final boolean hasMetadata;
    private final int partitionKeyPos;
    private final int explicitHashKeyPos;
    private final KinesisPartitioner<RowData> partitioner;
    private final String partitionerOrigin;
    private final boolean checkPartitionerKeys;

    private transient ProjectedRowData physical;

    private RowDataToEntryConverter(Builder b) {
        this.valueSchema = b.valueSchema;
        this.physicalArity = b.physicalArity;
        this.partitionKeyPos = b.partitionKeyPos;
        this.explicitHashKeyPos = b.explicitHashKeyPos;
        this.hasMetadata = b.partitionKeyPos >= 0 || b.explicitHashKeyPos >= 0;
        this.partitioner = b.partitioner;
        this.partitionerOrigin = b.partitionerOrigin;
        this.checkPartitionerKeys = b.checkPartitionerKeys;
    }

    public static Builder builder(SerializationSchema<RowData> valueSchema, int physicalArity) {
        return new Builder(valueSchema, physicalArity);
    }

    @Override
    public void open(WriterInitContext context) {
        try {
            valueSchema.open(context.asSerializationSchemaInitializationContext());
        } catch (Exception e) {
            throw new FlinkRuntimeException(
                    "Could not open the value format of the Kinesis sink: " + e.getMessage(), e);
        }
        TaskInfo task = context.getTaskInfo();
        partitioner.open(task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks());
        if (hasMetadata) {
            int[] projection = new int[physicalArity];
            for (int i = 0; i < physicalArity; i++) {
                projection[i] = i;
            }
            physical = ProjectedRowData.from(projection);
        }
    }

    @Override
    public KinesisSinkEntry apply(RowData row, SinkWriter.Context context) {
        RowData value = hasMetadata ? physical.replaceRow(row) : row;
        byte[] data = valueSchema.serialize(value);
        if (data == null) {
            throw new KinesisSinkException(
                    "The value format returned no bytes for a row; Kinesis cannot store an empty"
                            + " record. Check the table's 'format' options.");
        }
        String partitionKey;
        if (partitionKeyPos >= 0) {
            partitionKey =
                    RecordKeyRules.checkPartitionKey(
                            row.isNullAt(partitionKeyPos)
                                    ? null
                                    : row.getString(partitionKeyPos).toString(),
                            "the 'partition-key' metadata column");
        } else if (checkPartitionerKeys) {
            partitionKey =
                    RecordKeyRules.checkPartitionKey(
                            partitioner.getPartitionKey(row), partitionerOrigin);
        } else {
            partitionKey = partitioner.getPartitionKey(row);
        }
        String hashKey = null;
        if (explicitHashKeyPos >= 0 && !row.isNullAt(explicitHashKeyPos)) {
            hashKey =
                    RecordKeyRules.checkExplicitHashKey(
                            row.getString(explicitHashKeyPos).toString(),
                            "the 'explicit-hash-key' metadata column");
        }
        return new KinesisSinkEntry(data, partitionKey, hashKey);
    }

    /** Builder: the value format and physical arity, then where keys come from. */
    public static final class Builder {
        private final SerializationSchema<RowData> valueSchema;
        private final int physicalArity;
        private int partitionKeyPos = -1;
        private int explicitHashKeyPos = -1;
        private KinesisPartitioner<RowData> partitioner;
        private String partitionerOrigin;
        private boolean checkPartitionerKeys = true;

        private Builder(SerializationSchema<RowData> valueSchema, int physicalArity) {
            this.valueSchema = valueSchema;
            this.physicalArity = physicalArity;
        }

        /** Position of the partition-key metadata column in the consumed row. */
        public Builder partitionKeyMetadataPosition(int pos) {
            this.partitionKeyPos = pos;
            return this;
        }

        /** Position of the explicit-hash-key metadata column in the consumed row. */
        public Builder explicitHashKeyMetadataPosition(int pos) {
            this.explicitHashKeyPos = pos;
            return this;
        }

        /**
         * The partitioner for rows without a partition-key column; {@code origin} names it in
         * errors; {@code trusted} partitioners (random, fixed, fields) make valid keys and skip the
         * check.
         */
        public Builder partitioner(
                KinesisPartitioner<RowData> partitioner, String origin, boolean trusted) {
            this.partitioner = partitioner;
            this.partitionerOrigin = origin;
            this.checkPartitionerKeys = !trusted;
            return this;
        }

        public RowDataToEntryConverter build() {
            if (partitioner == null) {
                throw new IllegalStateException("a partitioner is required");
            }
            return new RowDataToEntryConverter(this);
        }
    }
}
