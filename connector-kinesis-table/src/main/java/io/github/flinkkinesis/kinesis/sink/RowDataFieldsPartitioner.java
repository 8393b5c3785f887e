package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.sink.partitioner.KinesisPartitioner;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The partition key of a table declared with {@code PARTITIONED BY (a, b)}: the fields' string
 * values joined by {@code sink.partitioner-field-delimiter}, so rows with equal fields land on the
 * same shard in order. A null field or an empty key fails the job naming the fields; a key longer
 * than 256 characters is cut to its first 256 (documented: rows that differ only after that share a
 * shard).
 */
@Internal
public final class RowDataFieldsPartitioner implements KinesisPartitioner<RowData> {

    private static final long serialVersionUID = 1L;

    private final List<String> fieldNames;
    private final RowData.FieldGetter[] getters;
    private final String delimiter;

    /**
     * @param fieldNames the PARTITIONED BY fields, for error messages
     * @param positions their positions in the row
     * @param types their types
     */
    public RowDataFieldsPartitioner(
            List<String> fieldNames, int[] positions, List<LogicalType> types, String delimiter) {
        if (fieldNames.isEmpty()
                || fieldNames.size() != positions.length
                || positions.length != types.size()) {
            throw new IllegalArgumentException("one position and type per field expected");
        }
        this.fieldNames = List.copyOf(fieldNames);
        this.getters = new RowData.FieldGetter[positions.length];
        for (int i = 0; i < positions.length; i++) {
            getters[i] = RowData.createFieldGetter(types.get(i), positions[i]);
        }
        this.delimiter = delimiter;
    }

    @Override
    public String getPartitionKey(RowData row) {
        String key;
        if (getters.length == 1) {
            key = valueOf(row, 0);
        } else {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < getters.length; i++) {
                if (i > 0) {
                    sb.append(delimiter);
                }
                sb.append(valueOf(row, i));
            }
            key = sb.toString();
        }
        if (key.isEmpty()) {
            throw new KinesisSinkException(
                    "The partition key from the PARTITIONED BY fields "
                            + fieldNames
                            + " is empty: Kinesis needs a key of 1 to 256 characters for every"
                            + " record.");
        }
        return RecordKeyRules.truncate(key);
    }

    private String valueOf(RowData row, int i) {
        Object value = getters[i].getFieldOrNull(row);
        if (value == null) {
            throw new KinesisSinkException(
                    "PARTITIONED BY field '"
                            + fieldNames.get(i)
                            + "' is null, so the row has no partition key (fields "
                            + fieldNames
                            + "). Filter or COALESCE null values before the INSERT.");
        }
        return value instanceof byte[]
                ? new String((byte[]) value, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
    }
}
