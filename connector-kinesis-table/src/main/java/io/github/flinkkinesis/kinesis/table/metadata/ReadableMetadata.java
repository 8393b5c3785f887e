package io.github.flinkkinesis.kinesis.table.metadata;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The metadata columns a {@code kinesis} table can read: key (as in {@code METADATA FROM 'key'}),
 * type, and how the value is taken from a record. Columns declared with a castable type (e.g.
 * {@code TIMESTAMP(3)} for {@code timestamp}, {@code VARCHAR(128)} for {@code shard-id}) are cast
 * by the planner.
 */
@Internal
public enum ReadableMetadata {
    TIMESTAMP(
            "timestamp",
            DataTypes.TIMESTAMP_LTZ(3).notNull(),
            "Approximate time the record arrived in the stream.") {
        @Override
        public Object read(
                Record record, long subSequenceNumber, StringData stream, StringData shardId) {
            return TimestampData.fromInstant(record.approximateArrivalTimestamp());
        }
    },
    SHARD_ID("shard-id", DataTypes.STRING().notNull(), "Id of the shard holding the record.") {
        @Override
        public Object read(
                Record record, long subSequenceNumber, StringData stream, StringData shardId) {
            return shardId;
        }
    },
    SEQUENCE_NUMBER(
            "sequence-number",
            DataTypes.STRING().notNull(),
            "Sequence number of the record in its shard.") {
        @Override
        public Object read(
                Record record, long subSequenceNumber, StringData stream, StringData shardId) {
            return StringData.fromString(record.sequenceNumber());
        }
    },
    PARTITION_KEY(
            "partition-key",
            DataTypes.STRING().notNull(),
            "Partition key of the record (of the user record, for a de-aggregated KPL record).") {
        @Override
        public Object read(
                Record record, long subSequenceNumber, StringData stream, StringData shardId) {
            return StringData.fromString(record.partitionKey());
        }
    },
    STREAM("stream", DataTypes.STRING().notNull(), "Name of the stream.") {
        @Override
        public Object read(
                Record record, long subSequenceNumber, StringData stream, StringData shardId) {
            return stream;
        }
    },
    SUB_SEQUENCE_NUMBER(
            "sub-sequence-number",
            DataTypes.BIGINT(),
            "Index of a de-aggregated KPL user record in its aggregated record; NULL for records"
                    + " that were not aggregated.") {
        @Override
        public Object read(
                Record record, long subSequenceNumber, StringData stream, StringData shardId) {
            return subSequenceNumber == StartingPosition.NO_SUB_SEQUENCE ? null : subSequenceNumber;
        }
    };

    private final String key;
    private final DataType dataType;
    private final String description;

    ReadableMetadata(String key, DataType dataType, String description) {
        this.key = key;
        this.dataType = dataType;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public DataType dataType() {
        return dataType;
    }

    public String description() {
        return description;
    }

    /**
     * The column value (internal data structure) for {@code record}; {@code subSequenceNumber} is
     * its index in a KPL aggregate or {@link StartingPosition#NO_SUB_SEQUENCE}.
     */
    @Nullable
    public abstract Object read(
            Record record, long subSequenceNumber, StringData stream, StringData shardId);

    /** The metadata column with {@code key}; an error listing the keys if there is none. */
    public static ReadableMetadata ofKey(String key) {
        for (ReadableMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        StringBuilder keys = new StringBuilder();
        for (ReadableMetadata m : values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(m.key);
        }
        throw new IllegalArgumentException(
                "Unknown metadata key '" + key + "' of a kinesis table; readable keys: " + keys);
    }
}
