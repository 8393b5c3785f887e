package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.aws.OptionKeys;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/**
 * Reads the timestamp options ({@code source.init.timestamp}, {@code source.stop.timestamp}): a
 * time in {@code source.init.timestamp.format} (UTC when the pattern has no zone) or seconds since
 * the epoch with an optional fraction. Errors name the key the user wrote and the format expected.
 */
@Internal
final class OptionTimestamps {

    private static final ConfigOption<String> FORMAT =
            KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP_FORMAT;

    private OptionTimestamps() {}

    /**
     * The timestamp of {@code timestampOption}, which {@code positionOption} = AT_TIMESTAMP makes
     * required.
     */
    static Instant required(
            Map<String, String> raw,
            ReadableConfig options,
            ConfigOption<String> timestampOption,
            ConfigOption<?> positionOption) {
        String format = options.get(FORMAT);
        String value = options.getOptional(timestampOption).orElse(null);
        if (value == null || value.isBlank()) {
            throw new ValidationException(
                    "Option "
                            + OptionKeys.describe(raw, timestampOption)
                            + " is required when "
                            + OptionKeys.describe(raw, positionOption)
                            + " is AT_TIMESTAMP: give a time in the format '"
                            + format
                            + "' (option '"
                            + FORMAT.key()
                            + "') or seconds since the epoch.");
        }
        return parse(value.trim(), format, raw, timestampOption);
    }

    private static Instant parse(
            String value, String format, Map<String, String> raw, ConfigOption<String> option) {
        if (value.matches("\\d+(\\.\\d+)?")) {
            return Instant.ofEpochMilli(new BigDecimal(value).movePointRight(3).longValue());
        }
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(format, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw OptionKeys.invalid(
                    raw, FORMAT, format, "not a valid java.time pattern (" + e.getMessage() + ")");
        }
        try {
            TemporalAccessor parsed = formatter.parse(value);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    || parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(parsed);
            }
            // a pattern without a zone is read as UTC
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw OptionKeys.invalid(
                    raw,
                    option,
                    value,
                    "expected a time in the format '"
                            + format
                            + "' (option '"
                            + FORMAT.key()
                            + "') or seconds since the epoch such as 1700000000.5");
        }
    }
}
