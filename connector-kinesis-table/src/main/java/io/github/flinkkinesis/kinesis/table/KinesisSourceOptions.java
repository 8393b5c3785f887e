package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.proxy.StreamId;
import io.github.flinkkinesis.kinesis.source.KinesisSource;
import io.github.flinkkinesis.kinesis.source.KinesisSourceBuilder;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.split.StartingPosition;
import io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.ReaderType;
import io.github.flinkkinesis.kinesis.table.KinesisConnectorOptions.StopPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/**
 * The validated source settings of one {@code kinesis} table: reads the table's options, checks
 * each value and the combinations (AT_TIMESTAMP needs a timestamp, limits within Kinesis' bounds,
 * EFO not available), and configures a {@link KinesisSource} builder. Every error is a {@link
 * ValidationException} naming the option key and what is allowed.
 */
public final class KinesisSourceOptions {

    private final StreamId stream;
    private final AwsConfig awsConfig;
    private final StartingPosition initialPosition;
    private final StopPosition stopPosition;
    @Nullable private final Instant stopTimestamp;
    private final Duration discoveryInterval;
    private final int getRecordsMaxCount;
    private final Duration emptyFetchInterval;
    private final Duration nonEmptyFetchInterval;
    private final int fetcherThreads;

    private KinesisSourceOptions(Map<String, String> raw, ReadableConfig options) {
        if (options.get(KinesisConnectorOptions.SOURCE_READER_TYPE) == ReaderType.EFO) {
            throw new ValidationException(
                    "Option '"
                            + KinesisConnectorOptions.SOURCE_READER_TYPE.key()
                            + "' = 'EFO' (enhanced fan-out) is not implemented yet: use 'POLLING'"
                            + " (the default).");
        }
        this.stream = KinesisConnectorOptions.streamId(options);
        this.awsConfig = AwsConfig.fromMap(raw);

        String format = options.get(KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP_FORMAT);
        switch (options.get(KinesisConnectorOptions.SOURCE_INIT_POSITION)) {
            case TRIM_HORIZON:
                this.initialPosition = StartingPosition.trimHorizon();
                break;
            case AT_TIMESTAMP:
                this.initialPosition =
                        StartingPosition.atTimestamp(
                                requiredTimestamp(
                                        options,
                                        KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP,
                                        KinesisConnectorOptions.SOURCE_INIT_POSITION,
                                        format));
                break;
            default:
                this.initialPosition = StartingPosition.latest();
        }
        this.stopPosition = options.get(KinesisConnectorOptions.SOURCE_STOP_POSITION);
        this.stopTimestamp =
                stopPosition == StopPosition.AT_TIMESTAMP
                        ? requiredTimestamp(
                                options,
                                KinesisConnectorOptions.SOURCE_STOP_TIMESTAMP,
                                KinesisConnectorOptions.SOURCE_STOP_POSITION,
                                format)
                        : null;

        this.getRecordsMaxCount = options.get(KinesisConnectorOptions.SOURCE_GET_RECORDS_MAX);
        if (getRecordsMaxCount < 1
                || getRecordsMaxCount > KinesisSourceConfig.MAX_RECORDS_PER_GET) {
            throw new ValidationException(
                    "Option '"
                            + KinesisConnectorOptions.SOURCE_GET_RECORDS_MAX.key()
                            + "' must be between 1 and 10000 (Kinesis' limit per GetRecords call),"
                            + " but was "
                            + getRecordsMaxCount
                            + ".");
        }
        this.discoveryInterval =
                options.get(KinesisConnectorOptions.SOURCE_SHARD_DISCOVERY_INTERVAL);
        if (discoveryInterval.toMillis() <= 0) {
            throw new ValidationException(
                    "Option '"
                            + KinesisConnectorOptions.SOURCE_SHARD_DISCOVERY_INTERVAL.key()
                            + "' must be a positive duration such as '10 s', but was "
                            + discoveryInterval
                            + ".");
        }
        this.emptyFetchInterval =
                nonNegative(options, KinesisConnectorOptions.SOURCE_EMPTY_FETCH_INTERVAL);
        this.nonEmptyFetchInterval =
                nonNegative(options, KinesisConnectorOptions.SOURCE_NONEMPTY_FETCH_INTERVAL);
        this.fetcherThreads = options.get(KinesisConnectorOptions.SOURCE_READER_FETCHER_THREADS);
        if (fetcherThreads < 1 || fetcherThreads > KinesisSourceBuilder.MAX_FETCHER_THREADS) {
            throw new ValidationException(
                    "Option '"
                            + KinesisConnectorOptions.SOURCE_READER_FETCHER_THREADS.key()
                            + "' must be between 1 and "
                            + KinesisSourceBuilder.MAX_FETCHER_THREADS
                            + ", but was "
                            + fetcherThreads
                            + ".");
        }
    }

    /**
     * Validates the source options.
     *
     * @param raw the table's options as written (used to report the key the user actually wrote)
     * @param options the same options, typed
     */
    public static KinesisSourceOptions from(Map<String, String> raw, ReadableConfig options) {
        return new KinesisSourceOptions(raw, options);
    }

    /**
     * Checks the value of an enum option (under its key or a fallback key) before Flink parses it,
     * so that the error lists the allowed values.
     */
    static <E extends Enum<E>> void checkEnum(
            Map<String, String> raw, ConfigOption<E> option, Class<E> type) {
        String writtenKey = option.key();
        String value = raw.get(writtenKey);
        if (value == null) {
            for (FallbackKey fallback : option.fallbackKeys()) {
                if (raw.containsKey(fallback.getKey())) {
                    writtenKey = fallback.getKey();
                    value = raw.get(writtenKey);
                    break;
                }
            }
        }
        if (value == null) {
            return;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return;
            }
        }
        throw new ValidationException(
                "Invalid value '"
                        + value
                        + "' for option '"
                        + writtenKey
                        + "'"
                        + (writtenKey.equals(option.key()) ? "" : " (" + option.key() + ")")
                        + "; allowed values: "
                        + Arrays.stream(type.getEnumConstants())
                                .map(Enum::name)
                                .collect(Collectors.joining(", "))
                        + ".");
    }

    private static Instant requiredTimestamp(
            ReadableConfig options,
            ConfigOption<String> timestampOption,
            ConfigOption<?> positionOption,
            String format) {
        String value = options.getOptional(timestampOption).orElse(null);
        if (value == null || value.isBlank()) {
            throw new ValidationException(
                    "Option '"
                            + timestampOption.key()
                            + "' is required when '"
                            + positionOption.key()
                            + "' is AT_TIMESTAMP: give a time in the format '"
                            + format
                            + "' (option '"
                            + KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP_FORMAT.key()
                            + "') or seconds since the epoch.");
        }
        return parseTimestamp(value.trim(), format, timestampOption.key());
    }

    /** A timestamp in {@code format}, or seconds since the epoch with an optional fraction. */
    static Instant parseTimestamp(String value, String format, String key) {
        if (value.matches("\\d+(\\.\\d+)?")) {
            java.math.BigDecimal seconds = new java.math.BigDecimal(value);
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(format, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Option '"
                            + KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP_FORMAT.key()
                            + "' is not a valid java.time pattern: '"
                            + format
                            + "' ("
                            + e.getMessage()
                            + ").");
        }
        try {
            TemporalAccessor parsed = formatter.parse(value);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    || parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(parsed);
            }
            // a pattern without a zone is read as UTC
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw new ValidationException(
                    "Invalid value '"
                            + value
                            + "' for option '"
                            + key
                            + "': expected a time in the format '"
                            + format
                            + "' (option '"
                            + KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP_FORMAT.key()
                            + "') or seconds since the epoch such as 1700000000.5.");
        }
    }

    private static Duration nonNegative(ReadableConfig options, ConfigOption<Duration> option) {
        Duration value = options.get(option);
        if (value.isNegative()) {
            throw new ValidationException(
                    "Option '" + option.key() + "' must not be negative, but was " + value + ".");
        }
        return value;
    }

    public StreamId stream() {
        return stream;
    }

    public AwsConfig awsConfig() {
        return awsConfig;
    }

    public StartingPosition initialPosition() {
        return initialPosition;
    }

    public StopPosition stopPosition() {
        return stopPosition;
    }

    public boolean isBounded() {
        return stopPosition != StopPosition.UNBOUNDED;
    }

    /** A source builder with every setting of this table applied. */
    public <T> KinesisSourceBuilder<T> toBuilder() {
        KinesisSourceBuilder<T> builder =
                KinesisSource.<T>builder().stream(stream)
                        .awsConfig(awsConfig)
                        .initialPosition(initialPosition)
                        .shardDiscoveryInterval(discoveryInterval)
                        .getRecordsMaxCount(getRecordsMaxCount)
                        .emptyFetchInterval(emptyFetchInterval)
                        .nonEmptyFetchInterval(nonEmptyFetchInterval)
                        .fetcherThreads(fetcherThreads);
        switch (stopPosition) {
            case LATEST:
                return builder.stopAtLatest();
            case AT_TIMESTAMP:
                return builder.stopAtTimestamp(stopTimestamp);
            default:
                return builder.unbounded();
        }
    }
}
