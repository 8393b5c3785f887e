package io.github.flinkkinesis.kinesis.table.metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * Metadata columns a {@code kinesis} table can write ({@code col STRING METADATA FROM 'key'}).
 *
 * <ul>
 *   <li>{@code partition-key}: the record's partition key; it wins over PARTITIONED BY and {@code
 *       sink.partitioner}. Null, empty or longer than 256 characters fails the job.
 *   <li>{@code explicit-hash-key}: a decimal number from 0 to 2^128-1 that picks the shard directly
 *       instead of the partition key's hash; null means none.
 * </ul>
 */
@Internal
public enum WritableMetadata {
    PARTITION_KEY("partition-key", DataTypes.STRING().nullable()),
    EXPLICIT_HASH_KEY("explicit-hash-key", DataTypes.STRING().nullable());

    private final String key;
    private final DataType dataType;

    WritableMetadata(String key, DataType dataType) {
        this.key = key;
        this.dataType = dataType;
    }

    public String key() {
        return key;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Every writable key with its type, in declaration order, for listWritableMetadata(). */
    public static Map<String, DataType> asMap() {
        Map<String, DataType> map = new LinkedHashMap<>();
        for (WritableMetadata m : values()) {
            map.put(m.key, m.dataType);
        }
        return map;
    }
}
