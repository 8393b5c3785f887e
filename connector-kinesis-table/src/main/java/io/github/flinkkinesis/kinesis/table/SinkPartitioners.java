package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_PARTITIONER;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_PARTITIONER_FIELD_DELIMITER;

import io.github.flinkkinesis.kinesis.sink.RowDataFieldsPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.FixedPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.KinesisPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.RandomPartitioner;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Chooses how a {@code kinesis} table's sink makes partition keys for rows without a {@code
 * partition-key} metadata column: the PARTITIONED BY fields, or {@code sink.partitioner} (random,
 * fixed, or a user class loaded by name). Every error names the option key, the value and what is
 * allowed.
 */
@Internal
final class SinkPartitioners {

    public static final String RANDOM = "random";
    public static final String FIXED = "fixed";

    private SinkPartitioners() {}

    /** How rows without a partition-key metadata column get their key. */
    public static final class PartitionerChoice {
        public final KinesisPartitioner<RowData> partitioner;

        /** Names the partitioner in key errors. */
        public final String origin;

        /** Built-in partitioners make valid keys by construction. */
        public final boolean trusted;

        PartitionerChoice(KinesisPartitioner<RowData> partitioner, String origin, boolean trusted) {
            this.partitioner = partitioner;
            this.origin = origin;
            this.trusted = trusted;
        }
    }

    /**
     * The partitioner from PARTITIONED BY keys or {@code sink.partitioner}; using both is an error.
     */
    public static PartitionerChoice partitioner(
            ReadableConfig options,
            List<String> partitionKeys,
            DataType physicalDataType,
            ClassLoader classLoader) {
        Optional<String> configured = options.getOptional(SINK_PARTITIONER);
        if (!partitionKeys.isEmpty()) {
            if (configured.isPresent()) {
                throw new ValidationException(
                        "Option '"
                                + SINK_PARTITIONER.key()
                                + "' cannot be combined with PARTITIONED BY "
                                + partitionKeys
                                + ": the PARTITIONED BY fields already make the partition key."
                                + " Remove one of them.");
            }
            return fieldsPartitioner(
                    partitionKeys, physicalDataType, options.get(SINK_PARTITIONER_FIELD_DELIMITER));
        }
        String value = configured.orElse(RANDOM).trim();
        switch (value.toLowerCase(Locale.ROOT)) {
            case RANDOM:
                return new PartitionerChoice(
                        new RandomPartitioner<>(), "the random partitioner", true);
            case FIXED:
                return new PartitionerChoice(
                        new FixedPartitioner<>(), "the fixed partitioner", true);
            default:
                return new PartitionerChoice(
                        instantiate(value, classLoader),
                        "partitioner class '" + value + "'",
                        false);
        }
    }

    private static PartitionerChoice fieldsPartitioner(
            List<String> partitionKeys, DataType physicalDataType, String delimiter) {
        List<String> names = DataType.getFieldNames(physicalDataType);
        List<DataType> types = DataType.getFieldDataTypes(physicalDataType);
        int[] positions = new int[partitionKeys.size()];
        List<LogicalType> keyTypes = new ArrayList<>();
        for (int i = 0; i < partitionKeys.size(); i++) {
            int pos = names.indexOf(partitionKeys.get(i));
            if (pos < 0) {
                throw new ValidationException(
                        "PARTITIONED BY field '"
                                + partitionKeys.get(i)
                                + "' is not a physical column of the table (columns: "
                                + names
                                + ").");
            }
            positions[i] = pos;
            keyTypes.add(types.get(pos).getLogicalType());
        }
        return new PartitionerChoice(
                new RowDataFieldsPartitioner(partitionKeys, positions, keyTypes, delimiter),
                "the PARTITIONED BY fields " + partitionKeys,
                true);
    }

    @SuppressWarnings("unchecked")
    private static KinesisPartitioner<RowData> instantiate(String className, ClassLoader loader) {
        String allowed =
                " (allowed values: 'random', 'fixed', or the name of a class implementing "
                        + KinesisPartitioner.class.getName()
                        + "<RowData> with a public no-argument constructor)";
        Class<?> clazz;
        try {
            clazz = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ValidationException(
                    "Invalid value '"
                            + className
                            + "' for option '"
                            + SINK_PARTITIONER.key()
                            + "': no such class on the classpath"
                            + allowed
                            + ".");
        }
        if (!KinesisPartitioner.class.isAssignableFrom(clazz)) {
            throw new ValidationException(
                    "Invalid value '"
                            + className
                            + "' for option '"
                            + SINK_PARTITIONER.key()
                            + "': the class does not implement "
                            + KinesisPartitioner.class.getName()
                            + allowed
                            + ".");
        }
        try {
            Constructor<?> constructor = clazz.getConstructor();
            return (KinesisPartitioner<RowData>) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ValidationException(
                    "Invalid value '"
                            + className
                            + "' for option '"
                            + SINK_PARTITIONER.key()
                            + "': could not create it with a public no-argument constructor ("
                            + e
                            + ")"
                            + allowed
                            + ".");
        }
    }
}
