package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.InlineElement;
import org.apache.flink.configuration.description.TextElement;

/**
 * Every option of the {@code kinesis} table connector, declared once with its description and
 * default. Keys follow the current official Flink Kinesis connector; the legacy connector's keys
 * are deprecated keys, so DDL written for either works unchanged and Flink logs a hint to move to
 * the current key. The {@code aws.*} connection options live in {@link
 * io.github.flinkkinesis.aws.AwsOptions}; {@link KinesisConnectorOptionsUtil} validates both into
 * typed source and sink settings.
 */
@PublicEvolving
public final class KinesisConnectorOptions {

    private KinesisConnectorOptions() {}

    /** Where a reader starts in a shard that has no checkpointed position. */
    @PublicEvolving
    public enum InitialPosition implements DescribedEnum {
        LATEST("After the newest record: only records that arrive after the job started."),
        TRIM_HORIZON("At the oldest record the stream still keeps."),
        AT_TIMESTAMP("At the first record that arrived at or after source.init.timestamp.");

        private final String description;

        InitialPosition(String description) {
            this.description = description;
        }

        @Override
        public InlineElement getDescription() {
            return TextElement.text(description);
        }
    }

    /** Where a bounded read stops. */
    @PublicEvolving
    public enum StopPosition implements DescribedEnum {
        UNBOUNDED("Never stop (a streaming read)."),
        LATEST("Stop at the end of each shard as it was when the job started."),
        AT_TIMESTAMP("Stop at the first record that arrived at or after source.stop.timestamp.");

        private final String description;

        StopPosition(String description) {
            this.description = description;
        }

        @Override
        public InlineElement getDescription() {
            return TextElement.text(description);
        }
    }

    /** How records are fetched from shards. */
    @PublicEvolving
    public enum ReaderType implements DescribedEnum {
        POLLING("GetRecords calls, at most 5 per second per shard."),
        EFO("Enhanced fan-out (SubscribeToShard); not implemented yet, rejected with an error.");

        private final String description;

        ReaderType(String description) {
            this.description = description;
        }

        @Override
        public InlineElement getDescription() {
            return TextElement.text(description);
        }
    }

    /**
     * How shards are spread over the source subtasks; written as its {@link #toString()} (any
     * case), e.g. {@code 'uniform'}.
     */
    @PublicEvolving
    public enum ShardAssignerType implements DescribedEnum {
        UNIFORM(
                "uniform",
                "Each shard that becomes ready goes to the subtask with the fewest open shards:"
                        + " stays balanced after splits and merges."),
        SHARD_ID_MODULO(
                "shard-id-modulo",
                "The number in the shard id modulo the parallelism (the behaviour of earlier"
                        + " versions); can pile up shards on one subtask after reshards.");

        private final String value;
        private final String description;

        ShardAssignerType(String value, String description) {
            this.value = value;
            this.description = description;
        }

        /** The value as written in a table's options. */
        @Override
        public String toString() {
            return value;
        }

        @Override
        public InlineElement getDescription() {
            return TextElement.text(description);
        }
    }

    // ---------------------------------------------------------------- common

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("stream.arn")
                    .stringType()
                    .noDefaultValue()
                    .withDeprecatedKeys("stream")
                    .withDescription(
                            "The Kinesis data stream backing the table: its ARN"
                                    + " (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME) or its name."
                                    + " For reading, several streams separated by ';' (a table"
                                    + " that lists several can only be read). The legacy key"
                                    + " 'stream' takes the same. Required unless 'stream-pattern'"
                                    + " is set.");

    public static final ConfigOption<String> STREAM_PATTERN =
            ConfigOptions.key("stream-pattern")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Instead of 'stream.arn', for reading only: a Java regular expression;"
                                    + " the table reads every stream of the account and region"
                                    + " whose whole name matches, including streams created while"
                                    + " the job runs (found at each shard discovery).");

    // ---------------------------------------------------------------- source

    public static final ConfigOption<InitialPosition> SOURCE_INIT_POSITION =
            ConfigOptions.key("source.init.position")
                    .enumType(InitialPosition.class)
                    .defaultValue(InitialPosition.LATEST)
                    .withDeprecatedKeys("scan.stream.initpos")
                    .withDescription(
                            "Where reading starts in a shard with no checkpointed position.");

    public static final ConfigOption<String> SOURCE_INIT_TIMESTAMP =
            ConfigOptions.key("source.init.timestamp")
                    .stringType()
                    .noDefaultValue()
                    .withDeprecatedKeys("scan.stream.initpos-timestamp")
                    .withDescription(
                            "Start timestamp for AT_TIMESTAMP: in source.init.timestamp.format, or"
                                    + " seconds since the epoch (e.g. 1700000000.5).");

    public static final ConfigOption<String> SOURCE_INIT_TIMESTAMP_FORMAT =
            ConfigOptions.key("source.init.timestamp.format")
                    .stringType()
                    .defaultValue("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                    .withDeprecatedKeys("scan.stream.initpos-timestamp-format")
                    .withDescription(
                            "java.time pattern of source.init.timestamp and"
                                    + " source.stop.timestamp.");

    public static final ConfigOption<StopPosition> SOURCE_STOP_POSITION =
            ConfigOptions.key("source.stop.position")
                    .enumType(StopPosition.class)
                    .defaultValue(StopPosition.UNBOUNDED)
                    .withDescription(
                            "Makes the read bounded: LATEST stops at each shard's last record as of"
                                    + " job start, AT_TIMESTAMP at source.stop.timestamp. A bounded"
                                    + " read finishes, so it also works in batch mode.");

    public static final ConfigOption<String> SOURCE_STOP_TIMESTAMP =
            ConfigOptions.key("source.stop.timestamp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Stop timestamp for source.stop.position AT_TIMESTAMP (exclusive), in"
                                    + " source.init.timestamp.format or seconds since the epoch.");

    public static final ConfigOption<ReaderType> SOURCE_READER_TYPE =
            ConfigOptions.key("source.reader.type")
                    .enumType(ReaderType.class)
                    .defaultValue(ReaderType.POLLING)
                    .withDeprecatedKeys("scan.stream.recordpublisher")
                    .withDescription(
                            "POLLING reads with GetRecords. EFO (enhanced fan-out) is not"
                                    + " implemented yet and is rejected with an error.");

    public static final ConfigOption<ShardAssignerType> SOURCE_SHARD_ASSIGNER =
            ConfigOptions.key("source.shard-assigner")
                    .enumType(ShardAssignerType.class)
                    .defaultValue(ShardAssignerType.UNIFORM)
                    .withDescription(
                            "How shards are spread over the source subtasks: 'uniform' (the"
                                    + " subtask with the fewest open shards) or 'shard-id-modulo'"
                                    + " (shard number modulo the parallelism).");

    public static final ConfigOption<Duration> SOURCE_SHARD_DISCOVERY_INTERVAL =
            ConfigOptions.key("source.shard.discovery.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDeprecatedKeys("scan.shard.discovery.intervalmillis")
                    .withDescription(
                            "How often the stream's shards are listed to find new shards after a"
                                    + " reshard (a bare number is milliseconds).");

    public static final ConfigOption<Integer> SOURCE_GET_RECORDS_MAX =
            ConfigOptions.key("source.shard.get-records.max-record-count")
                    .intType()
                    .defaultValue(10_000)
                    .withDeprecatedKeys("scan.shard.getrecords.maxrecordcount")
                    .withDescription("Records asked for per GetRecords call (1-10000).");

    public static final ConfigOption<Duration> SOURCE_EMPTY_FETCH_INTERVAL =
            ConfigOptions.key("source.reader.empty-records-fetch-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(250))
                    .withDeprecatedKeys("scan.shard.getrecords.intervalmillis")
                    .withDescription(
                            "Pause on a shard after a GetRecords call returned no records.");

    public static final ConfigOption<Duration> SOURCE_NONEMPTY_FETCH_INTERVAL =
            ConfigOptions.key("source.reader.nonempty-records-fetch-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "Minimum time between two GetRecords calls on one shard that returned"
                                    + " records; 200 ms keeps within Kinesis' 5 calls/s per shard.");

    public static final ConfigOption<Integer> SOURCE_READER_FETCHER_THREADS =
            ConfigOptions.key("source.reader.fetcher-threads")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "Most GetRecords calls in flight per source subtask (1-"
                                    + KinesisSourceConfig.MAX_FETCHER_THREADS
                                    + "): the subtask's shards are spread over up to this many"
                                    + " fetcher threads, never more than it has shards; each"
                                    + " thread polls its shards one call at a time.");

    // ---------------------------------------------------------------- sink

    public static final ConfigOption<String> SINK_PARTITIONER =
            ConfigOptions.key("sink.partitioner")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Partition keys for rows without a partition-key metadata column or"
                                    + " PARTITIONED BY: 'random' (default), 'fixed' (one key per"
                                    + " sink subtask) or the class name of a custom partitioner.");

    public static final ConfigOption<String> SINK_PARTITIONER_FIELD_DELIMITER =
            ConfigOptions.key("sink.partitioner-field-delimiter")
                    .stringType()
                    .defaultValue("|")
                    .withDescription("Joins the PARTITIONED BY fields into a partition key.");

    public static final ConfigOption<Boolean> SINK_FAIL_ON_ERROR =
            ConfigOptions.key("sink.fail-on-error")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Fail the job on the first failed entry, even a throttled one, instead"
                                    + " of retrying throttling and transient errors (fatal errors"
                                    + " such as a missing stream always fail the job).");

    public static final ConfigOption<Duration> SINK_RETRY_MAX_DURATION =
            ConfigOptions.key("sink.retry.max-duration")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How long a record may keep failing with throttling or transient"
                                    + " errors before the job fails with a message naming the"
                                    + " stream, the error and the records pending; 0 retries"
                                    + " without a bound (a bare number is milliseconds).");

    public static final ConfigOption<Integer> SINK_BATCH_MAX_SIZE =
            ConfigOptions.key("sink.batch.max-size")
                    .intType()
                    .defaultValue(500)
                    .withDescription("Records per PutRecords call (1-500).");

    public static final ConfigOption<Integer> SINK_REQUESTS_MAX_INFLIGHT =
            ConfigOptions.key("sink.requests.max-inflight")
                    .intType()
                    .defaultValue(50)
                    .withDescription(
                            "PutRecords calls in flight per sink subtask before it backpressures"
                                    + " (at least 1).");

    public static final ConfigOption<Integer> SINK_REQUESTS_MAX_BUFFERED =
            ConfigOptions.key("sink.requests.max-buffered")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Records buffered per sink subtask before it backpressures; must be"
                                    + " greater than sink.batch.max-size.");

    public static final ConfigOption<MemorySize> SINK_FLUSH_BUFFER_SIZE =
            ConfigOptions.key("sink.flush-buffer.size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("5mb"))
                    .withDescription(
                            "Buffered bytes that trigger a PutRecords call, and the most bytes (data"
                                    + " plus partition keys) one call carries: 1 byte to 10 MiB (a"
                                    + " bare number is bytes). 5 MiB was Kinesis' per-call limit"
                                    + " until 2025.");

    public static final ConfigOption<Duration> SINK_FLUSH_BUFFER_TIMEOUT =
            ConfigOptions.key("sink.flush-buffer.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Longest time a record waits in the buffer before a flush (a bare"
                                    + " number is milliseconds).");

    public static final ConfigOption<MemorySize> SINK_RECORD_MAX_SIZE =
            ConfigOptions.key("sink.record.max-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription(
                            "Largest record (data plus partition key) the sink accepts, up to the"
                                    + " 10 MiB a stream can be raised to and at most"
                                    + " sink.flush-buffer.size; a larger record fails the job with a"
                                    + " clear error.");

    public static final ConfigOption<Boolean> SINK_AGGREGATION_ENABLED =
            ConfigOptions.key("sink.aggregation.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Pack the rows of each PutRecords batch into KPL aggregated records,"
                                    + " one or more per shard, instead of one Kinesis record per row."
                                    + " Readers must de-aggregate (this connector's source, the KCL,"
                                    + " the official connector); off by default for those that"
                                    + " cannot.");

    public static final ConfigOption<Integer> SINK_AGGREGATION_MAX_COUNT =
            ConfigOptions.key("sink.aggregation.max-count")
                    .intType()
                    .defaultValue(500)
                    .withDescription(
                            "Most rows in one KPL aggregated record (at least 1); a batch holds at"
                                    + " most sink.batch.max-size rows anyway.");

    public static final ConfigOption<MemorySize> SINK_AGGREGATION_MAX_SIZE =
            ConfigOptions.key("sink.aggregation.max-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("50kb"))
                    .withDescription(
                            "Largest KPL aggregated record (data plus partition key), 64 bytes to"
                                    + " 10 MiB; never more than sink.record.max-size. A row too large"
                                    + " for an aggregate of its own is sent as a plain record.");
}
