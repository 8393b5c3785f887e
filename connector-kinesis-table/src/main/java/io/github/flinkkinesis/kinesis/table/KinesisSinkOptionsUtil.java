package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_BATCH_MAX_SIZE;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_FAIL_ON_ERROR;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_FLUSH_BUFFER_SIZE;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_FLUSH_BUFFER_TIMEOUT;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_PARTITIONER;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_PARTITIONER_FIELD_DELIMITER;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_RECORD_MAX_SIZE;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_REQUESTS_MAX_BUFFERED;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_REQUESTS_MAX_INFLIGHT;

import io.github.flinkkinesis.kinesis.proxy.StreamId;
import io.github.flinkkinesis.kinesis.sink.KinesisSinkConfig;
import io.github.flinkkinesis.kinesis.sink.partitioner.FixedPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.KinesisPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.RandomPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.RowDataFieldsPartitioner;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Validates the {@code sink.*} options of a {@code kinesis} table and turns them into a {@link
 * KinesisSinkConfig} and a partitioner. Every error names the option key, the value and what is
 * allowed.
 */
public final class KinesisSinkOptionsUtil {

    public static final String RANDOM = "random";
    public static final String FIXED = "fixed";

    private static final long MIB = 1024L * 1024;

    private KinesisSinkOptionsUtil() {}

    /** The sink settings of a table, validated. */
    public static KinesisSinkConfig sinkConfig(ReadableConfig options) {
        StreamId stream = KinesisConnectorOptions.streamId(options);
        int batchSize = options.get(SINK_BATCH_MAX_SIZE);
        if (batchSize < 1 || batchSize > KinesisSinkConfig.MAX_RECORDS_PER_CALL) {
            throw invalid(
                    SINK_BATCH_MAX_SIZE.key(),
                    batchSize,
                    "must be between 1 and 500 (records per PutRecords call, Kinesis' limit)");
        }
        int inFlight = options.get(SINK_REQUESTS_MAX_INFLIGHT);
        if (inFlight < 1) {
            throw invalid(SINK_REQUESTS_MAX_INFLIGHT.key(), inFlight, "must be at least 1");
        }
        int buffered = options.get(SINK_REQUESTS_MAX_BUFFERED);
        if (buffered <= batchSize) {
            throw invalid(
                    SINK_REQUESTS_MAX_BUFFERED.key(),
                    buffered,
                    "must be greater than '" + SINK_BATCH_MAX_SIZE.key() + "' (" + batchSize + ")");
        }
        long flushBytes = options.get(SINK_FLUSH_BUFFER_SIZE).getBytes();
        if (flushBytes < 1 || flushBytes > KinesisSinkConfig.MAX_BYTES_LIMIT) {
            throw invalid(
                    SINK_FLUSH_BUFFER_SIZE.key(),
                    options.get(SINK_FLUSH_BUFFER_SIZE),
                    "must be between 1 byte and 10 MiB (bytes per PutRecords call; 5 MiB, the"
                            + " default, is the limit that holds everywhere)");
        }
        Duration timeout = options.get(SINK_FLUSH_BUFFER_TIMEOUT);
        if (timeout.isNegative() || timeout.toMillis() < 1) {
            throw invalid(SINK_FLUSH_BUFFER_TIMEOUT.key(), timeout, "must be at least 1 ms");
        }
        long recordBytes = options.get(SINK_RECORD_MAX_SIZE).getBytes();
        if (recordBytes < 1 || recordBytes > KinesisSinkConfig.MAX_BYTES_LIMIT) {
            throw invalid(
                    SINK_RECORD_MAX_SIZE.key(),
                    options.get(SINK_RECORD_MAX_SIZE),
                    "must be between 1 byte and 10 MiB (the largest record a Kinesis stream can"
                            + " be configured to accept)");
        }
        if (recordBytes > flushBytes) {
            throw invalid(
                    SINK_RECORD_MAX_SIZE.key(),
                    options.get(SINK_RECORD_MAX_SIZE),
                    "must not exceed '"
                            + SINK_FLUSH_BUFFER_SIZE.key()
                            + "' ("
                            + options.get(SINK_FLUSH_BUFFER_SIZE)
                            + "), since a record must fit in one PutRecords call: raise '"
                            + SINK_FLUSH_BUFFER_SIZE.key()
                            + "' too");
        }
        return KinesisSinkConfig.builder(stream)
                .failOnError(options.get(SINK_FAIL_ON_ERROR))
                .maxBatchSize(batchSize)
                .maxInFlightRequests(inFlight)
                .maxBufferedRequests(buffered)
                .maxBatchSizeInBytes(flushBytes)
                .maxTimeInBuffer(timeout)
                .maxRecordSizeInBytes(recordBytes)
                .build();
    }

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

    private static ValidationException invalid(String key, Object value, String rule) {
        return new ValidationException(
                "Invalid value '" + value + "' for option '" + key + "': " + rule + ".");
    }
}
