package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_AGGREGATION_ENABLED;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_AGGREGATION_MAX_COUNT;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_AGGREGATION_MAX_SIZE;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_BATCH_MAX_SIZE;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_FAIL_ON_ERROR;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_FLUSH_BUFFER_SIZE;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_FLUSH_BUFFER_TIMEOUT;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_PARTITIONER_FIELD_DELIMITER;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_RECORD_MAX_SIZE;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_REQUESTS_MAX_BUFFERED;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_REQUESTS_MAX_INFLIGHT;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SINK_RETRY_MAX_DURATION;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_EMPTY_FETCH_INTERVAL;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_GET_RECORDS_MAX;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_INIT_POSITION;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_NONEMPTY_FETCH_INTERVAL;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_READER_FETCHER_THREADS;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_READER_TYPE;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_SHARD_DISCOVERY_INTERVAL;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_STOP_POSITION;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.SOURCE_STOP_TIMESTAMP;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.STREAM;
import static io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.STREAM_PATTERN;

import io.github.flinkkinesis.aws.AwsOptions;
import io.github.flinkkinesis.aws.OptionKeys;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.sink.KinesisSinkConfig;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.ShardAssigner;
import io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.ReaderType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/**
 * The one road from a {@code kinesis} table's options to typed settings: checks every value and the
 * combinations, and returns a {@link KinesisSourceConfig} or {@link KinesisSinkConfig}. Defaults
 * come from the {@link KinesisConnectorOptions} only; the range rules are the configs' own ({@code
 * ...Problem} methods), so a table and a builder reject the same values in the same words. Every
 * error is a {@link ValidationException} naming the key the user wrote (a legacy key is named as
 * written, with its current key).
 */
@Internal
final class KinesisConnectorOptionsUtil {

    private KinesisConnectorOptionsUtil() {}

    /**
     * Checks the values as written before Flink parses them: an enum option's value must be one of
     * its constants (so that a typo lists the allowed values instead of a parse error), and a
     * string option that needs a value must not be blank (which would otherwise fail late, in the
     * SDK's words).
     */
    static void validateRawValues(Map<String, String> raw, Collection<ConfigOption<?>> declared) {
        checkEnum(raw, SOURCE_INIT_POSITION, KinesisConnectorOptions.InitialPosition.class);
        checkEnum(raw, SOURCE_STOP_POSITION, KinesisConnectorOptions.StopPosition.class);
        checkEnum(raw, SOURCE_READER_TYPE, ReaderType.class);
        checkEnum(
                raw,
                KinesisConnectorOptions.SOURCE_SHARD_ASSIGNER,
                KinesisConnectorOptions.ShardAssignerType.class);
        // a blank delimiter joins the PARTITIONED BY fields without one: allowed
        OptionKeys.checkValues(raw, declared, List.of(SINK_PARTITIONER_FIELD_DELIMITER));
    }

    /**
     * The table's streams: those {@code stream.arn} (or the legacy {@code stream}) lists, separated
     * by ';', or none when {@code stream-pattern} chooses them (exactly one of the two is set).
     *
     * @throws ValidationException naming the key as written when both or neither is set, or a
     *     listed stream is invalid, listed twice, or in another region than {@code aws.region}
     */
    public static List<StreamId> streams(Map<String, String> raw, ReadableConfig options) {
        String value = options.get(STREAM);
        String pattern = options.get(STREAM_PATTERN);
        if (value != null && pattern != null) {
            throw new ValidationException(
                    "Options '"
                            + OptionKeys.writtenKey(raw, STREAM).orElse(STREAM.key())
                            + "' and '"
                            + STREAM_PATTERN.key()
                            + "' are both set: set one (the streams listed, or a regular expression"
                            + " over stream names).");
        }
        if (pattern != null) {
            String problem = KinesisSourceConfig.streamPatternProblem(pattern);
            if (problem != null) {
                throw new ValidationException(
                        "Invalid value for option '"
                                + STREAM_PATTERN.key()
                                + "' ('"
                                + pattern
                                + "'): "
                                + problem
                                + ".");
            }
            return List.of();
        }
        if (value == null) {
            throw new ValidationException(
                    "Option '"
                            + STREAM.key()
                            + "' is required: the stream's ARN or name (or, for reading,"
                            + " several separated by ';', or '"
                            + STREAM_PATTERN.key()
                            + "' instead).");
        }
        List<StreamId> streams =
                parseStreams(raw, OptionKeys.writtenKey(raw, STREAM).orElse(STREAM.key()));
        // the current and the legacy key together must name the same streams, or one would be
        // ignored
        for (FallbackKey legacy : STREAM.fallbackKeys()) {
            String other = raw.get(legacy.getKey());
            if (other == null || !raw.containsKey(STREAM.key())) {
                continue;
            }
            List<StreamId> otherStreams = parseStreams(raw, legacy.getKey());
            if (!sameStreams(streams, otherStreams)) {
                throw new ValidationException(
                        "Options '"
                                + STREAM.key()
                                + "' ('"
                                + raw.get(STREAM.key())
                                + "') and '"
                                + legacy.getKey()
                                + "' ('"
                                + other
                                + "') name different streams: keep only '"
                                + STREAM.key()
                                + "'.");
            }
        }
        for (StreamId stream : streams) {
            checkRegion(raw, stream);
        }
        return streams;
    }

    /**
     * The one stream a sink writes.
     *
     * @throws ValidationException when the table reads several streams or a pattern
     */
    public static StreamId sinkStream(Map<String, String> raw, ReadableConfig options) {
        List<StreamId> streams = streams(raw, options);
        if (streams.size() != 1) {
            throw new ValidationException(
                    (streams.isEmpty()
                                    ? "The table reads the streams that option '"
                                            + STREAM_PATTERN.key()
                                            + "' matches"
                                    : "Option '"
                                            + OptionKeys.writtenKey(raw, STREAM)
                                                    .orElse(STREAM.key())
                                            + "' lists "
                                            + streams.size()
                                            + " streams")
                            + ": such a table can only be read. Write to a table whose '"
                            + STREAM.key()
                            + "' names one stream.");
        }
        return streams.get(0);
    }

    /**
     * Refuses a stream ARN of another region than {@code aws.region}: Kinesis serves a stream only
     * at its own region's endpoint, and the calls would fail at run time with a message about
     * neither option.
     */
    private static void checkRegion(Map<String, String> raw, StreamId stream) {
        Optional<String> region = OptionKeys.rawValue(raw, AwsOptions.REGION).map(String::trim);
        if (stream.region().isEmpty()
                || region.isEmpty()
                || region.get().isEmpty()
                || stream.region().get().equals(region.get())) {
            return;
        }
        throw new ValidationException(
                "The stream ARN of option '"
                        + OptionKeys.writtenKey(raw, STREAM).orElse(STREAM.key())
                        + "' is in region "
                        + stream.region().get()
                        + " but option "
                        + OptionKeys.describe(raw, AwsOptions.REGION)
                        + " is '"
                        + region.get()
                        + "': Kinesis serves a stream only in its own region; set '"
                        + OptionKeys.writtenKey(raw, AwsOptions.REGION)
                                .orElse(AwsOptions.REGION.key())
                        + "' = '"
                        + stream.region().get()
                        + "'.");
    }

    private static List<StreamId> parseStreams(Map<String, String> raw, String key) {
        String value = raw.get(key);
        List<StreamId> streams = new ArrayList<>();
        for (String part : value.split(";", -1)) {
            StreamId stream;
            try {
                stream = StreamId.parse(part);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        "Invalid value for option "
                                + OptionKeys.describe(Map.of(key, value), STREAM)
                                + ": "
                                + (part.isBlank()
                                        ? "an empty stream between or after ';'"
                                        : e.getMessage())
                                + ".");
            }
            if (streams.contains(stream)) {
                throw new ValidationException(
                        "Option '" + key + "' lists stream '" + stream + "' twice: list it once.");
            }
            streams.add(stream);
        }
        return streams;
    }

    /** Lists name the same streams when, in order, an ARN and a name have the same name. */
    private static boolean sameStreams(List<StreamId> a, List<StreamId> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameStream(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** An ARN and a name name the same stream when the names agree; two ARNs must be equal. */
    private static boolean sameStream(StreamId a, StreamId b) {
        return a.name().equals(b.name())
                && (a.arn().isEmpty() || b.arn().isEmpty() || a.arn().equals(b.arn()));
    }

    /** Refuses a reader type the source does not implement yet (reading only: writing is fine). */
    static void checkReaderType(Map<String, String> raw, ReadableConfig options) {
        if (options.get(SOURCE_READER_TYPE) == ReaderType.EFO) {
            throw new ValidationException(
                    "Option "
                            + OptionKeys.describe(raw, SOURCE_READER_TYPE)
                            + " = 'EFO' (enhanced fan-out) is not implemented yet: use 'POLLING'"
                            + " (the default).");
        }
    }

    /**
     * The source settings of a table, validated.
     *
     * @param raw the table's options as written (to name the key the user wrote)
     * @param options the same options, typed
     */
    public static KinesisSourceConfig sourceConfig(
            Map<String, String> raw, ReadableConfig options) {
        StartingPosition initialPosition = initialPosition(raw, options);
        List<StreamId> streams = streams(raw, options);
        KinesisSourceConfig.Builder builder = KinesisSourceConfig.builder();
        if (streams.isEmpty()) {
            builder.streamPattern(options.get(STREAM_PATTERN));
        } else {
            builder.streams(streams);
        }
        builder.initialPosition(initialPosition);
        switch (options.get(SOURCE_STOP_POSITION)) {
            case LATEST:
                builder.stopAtLatest();
                break;
            case AT_TIMESTAMP:
                Instant stop =
                        OptionTimestamps.required(
                                raw, options, SOURCE_STOP_TIMESTAMP, SOURCE_STOP_POSITION);
                check(
                        raw,
                        SOURCE_STOP_TIMESTAMP,
                        options.get(SOURCE_STOP_TIMESTAMP),
                        KinesisSourceConfig.stopTimestampProblem(initialPosition, stop));
                builder.stopAtTimestamp(stop);
                break;
            default:
                builder.unbounded();
        }
        builder.shardAssigner(
                options.get(KinesisConnectorOptions.SOURCE_SHARD_ASSIGNER)
                                == KinesisConnectorOptions.ShardAssignerType.SHARD_ID_MODULO
                        ? ShardAssigner.SHARD_ID_MODULO
                        : ShardAssigner.UNIFORM);
        builder.getRecordsMaxCount(
                checked(
                        raw,
                        options,
                        SOURCE_GET_RECORDS_MAX,
                        KinesisSourceConfig::getRecordsMaxCountProblem));
        builder.shardDiscoveryInterval(
                checked(
                        raw,
                        options,
                        SOURCE_SHARD_DISCOVERY_INTERVAL,
                        KinesisSourceConfig::discoveryIntervalProblem));
        builder.emptyFetchInterval(
                checked(
                        raw,
                        options,
                        SOURCE_EMPTY_FETCH_INTERVAL,
                        KinesisSourceConfig::fetchIntervalProblem));
        builder.nonEmptyFetchInterval(
                checked(
                        raw,
                        options,
                        SOURCE_NONEMPTY_FETCH_INTERVAL,
                        KinesisSourceConfig::fetchIntervalProblem));
        return builder.fetcherThreads(
                        checked(
                                raw,
                                options,
                                SOURCE_READER_FETCHER_THREADS,
                                KinesisSourceConfig::fetcherThreadsProblem))
                .build();
    }

    /** The sink settings of a table, validated. */
    public static KinesisSinkConfig sinkConfig(Map<String, String> raw, ReadableConfig options) {
        return sinkConfig(raw, options, sinkStream(raw, options));
    }

    /**
     * Checks the sink settings of a table that is read, so that a wrong value fails whichever way
     * the table is used first; a table of several streams (which cannot be written) is checked with
     * its first stream, or with a placeholder for a pattern, since only its values matter.
     */
    public static void checkSinkOptions(Map<String, String> raw, ReadableConfig options) {
        List<StreamId> streams = streams(raw, options);
        sinkConfig(
                raw,
                options,
                streams.isEmpty() ? StreamId.parse("stream-pattern") : streams.get(0));
    }

    private static KinesisSinkConfig sinkConfig(
            Map<String, String> raw, ReadableConfig options, StreamId stream) {
        int batchSize =
                checked(raw, options, SINK_BATCH_MAX_SIZE, KinesisSinkConfig::batchSizeProblem);
        int inFlight =
                checked(
                        raw,
                        options,
                        SINK_REQUESTS_MAX_INFLIGHT,
                        KinesisSinkConfig::inFlightProblem);
        int buffered =
                checked(
                        raw,
                        options,
                        SINK_REQUESTS_MAX_BUFFERED,
                        value ->
                                KinesisSinkConfig.bufferedProblem(
                                        value,
                                        batchSize,
                                        OptionKeys.describe(raw, SINK_BATCH_MAX_SIZE)));
        MemorySize flush =
                checked(
                        raw,
                        options,
                        SINK_FLUSH_BUFFER_SIZE,
                        size -> KinesisSinkConfig.batchBytesProblem(size.getBytes()));
        Duration timeout =
                checked(
                        raw,
                        options,
                        SINK_FLUSH_BUFFER_TIMEOUT,
                        value -> KinesisSinkConfig.bufferTimeProblem(value.toMillis()));
        MemorySize record =
                checked(
                        raw,
                        options,
                        SINK_RECORD_MAX_SIZE,
                        size -> KinesisSinkConfig.recordBytesProblem(size.getBytes()));
        check(
                raw,
                SINK_RECORD_MAX_SIZE,
                record,
                KinesisSinkConfig.recordFitsProblem(
                        record.getBytes(),
                        flush.getBytes(),
                        OptionKeys.describe(raw, SINK_FLUSH_BUFFER_SIZE),
                        flush));
        int aggregationCount =
                checked(
                        raw,
                        options,
                        SINK_AGGREGATION_MAX_COUNT,
                        KinesisSinkConfig::aggregationCountProblem);
        MemorySize aggregationSize =
                checked(
                        raw,
                        options,
                        SINK_AGGREGATION_MAX_SIZE,
                        size -> KinesisSinkConfig.aggregationBytesProblem(size.getBytes()));
        Duration retryMaxDuration =
                checked(
                        raw,
                        options,
                        SINK_RETRY_MAX_DURATION,
                        value -> KinesisSinkConfig.retryDurationProblem(value.toMillis()));
        return KinesisSinkConfig.builder(stream)
                .failOnError(options.get(SINK_FAIL_ON_ERROR))
                .retryMaxDuration(retryMaxDuration)
                .maxBatchSize(batchSize)
                .maxInFlightRequests(inFlight)
                .maxBufferedRequests(buffered)
                .maxBatchSizeInBytes(flush.getBytes())
                .maxTimeInBuffer(timeout)
                .maxRecordSizeInBytes(record.getBytes())
                .aggregationEnabled(options.get(SINK_AGGREGATION_ENABLED))
                .aggregationMaxCount(aggregationCount)
                .aggregationMaxSizeInBytes(aggregationSize.getBytes())
                .build();
    }

    private static StartingPosition initialPosition(
            Map<String, String> raw, ReadableConfig options) {
        switch (options.get(SOURCE_INIT_POSITION)) {
            case TRIM_HORIZON:
                return StartingPosition.trimHorizon();
            case AT_TIMESTAMP:
                return StartingPosition.atTimestamp(
                        OptionTimestamps.required(
                                raw, options, SOURCE_INIT_TIMESTAMP, SOURCE_INIT_POSITION));
            default:
                return StartingPosition.latest();
        }
    }

    /** Fails with an error naming the key the user wrote when {@code problem} is not null. */
    private static void check(
            Map<String, String> raw,
            ConfigOption<?> option,
            Object value,
            @Nullable String problem) {
        if (problem != null) {
            throw OptionKeys.invalid(raw, option, value, problem);
        }
    }

    /** The value of {@code option}, after {@code rule} found no problem with it. */
    private static <V> V checked(
            Map<String, String> raw,
            ReadableConfig options,
            ConfigOption<V> option,
            Function<V, String> rule) {
        V value = options.get(option);
        check(raw, option, value, rule.apply(value));
        return value;
    }

    /** An enum option's value must be one of its constants, in any case. */
    static <E extends Enum<E>> void checkEnum(
            Map<String, String> raw, ConfigOption<E> option, Class<E> type) {
        String value = OptionKeys.rawValue(raw, option).orElse(null);
        if (value == null) {
            return;
        }
        for (E constant : type.getEnumConstants()) {
            // toString: the value as written (the constant's name unless the enum spells it)
            if (constant.toString().equalsIgnoreCase(value.trim())) {
                return;
            }
        }
        throw OptionKeys.invalid(
                raw,
                option,
                value,
                "allowed values: "
                        + Arrays.stream(type.getEnumConstants())
                                .map(Enum::toString)
                                .collect(Collectors.joining(", ")));
    }
}
