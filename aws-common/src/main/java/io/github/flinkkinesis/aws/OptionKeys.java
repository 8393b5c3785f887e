package io.github.flinkkinesis.aws;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.table.api.ValidationException;

/**
 * The one place that knows how an option's value is found among the keys a user may write: the
 * primary key, else its fallback and deprecated keys in declaration order. Errors built here name
 * the key the user actually wrote (and the primary key when that was an older spelling), so that
 * DDL written for the legacy connector gets errors in its own words. Secret values are never shown.
 */
@Internal
public final class OptionKeys {

    private OptionKeys() {}

    /** The key under which {@code option} is set in {@code raw}, if any. */
    public static Optional<String> writtenKey(Map<String, String> raw, ConfigOption<?> option) {
        if (raw.containsKey(option.key())) {
            return Optional.of(option.key());
        }
        for (FallbackKey fallback : option.fallbackKeys()) {
            if (raw.containsKey(fallback.getKey())) {
                return Optional.of(fallback.getKey());
            }
        }
        return Optional.empty();
    }

    /** The value of {@code option} as written in {@code raw} (any of its keys), if any. */
    public static Optional<String> rawValue(Map<String, String> raw, ConfigOption<?> option) {
        return writtenKey(raw, option).map(raw::get);
    }

    /**
     * How to name {@code option} in an error: {@code 'written'}, followed by {@code (primary)} when
     * the user wrote an older spelling.
     */
    public static String describe(Map<String, String> raw, ConfigOption<?> option) {
        String written = writtenKey(raw, option).orElse(option.key());
        return "'"
                + written
                + "'"
                + (written.equals(option.key()) ? "" : " (" + option.key() + ")");
    }

    /**
     * An error for a value that breaks {@code rule}: "Invalid value 'V' for option 'K': rule." The
     * value is hidden when the key is secret.
     */
    public static ValidationException invalid(
            Map<String, String> raw, ConfigOption<?> option, Object value, String rule) {
        String written = writtenKey(raw, option).orElse(option.key());
        String shown = Secrets.isSecret(written) ? Secrets.REDACTED : String.valueOf(value);
        return new ValidationException(
                "Invalid value '"
                        + shown
                        + "' for option "
                        + describe(raw, option)
                        + ": "
                        + rule
                        + ".");
    }

    /**
     * Checks, before Flink reads them, that every option of {@code options} that {@code raw} sets
     * (under any of its keys) has a value of the option's type and is not blank, so that an error
     * names the key as written and the value (Flink's own parse error names only the current key).
     * Options whose blank value means something are listed in {@code blankAllowed}.
     *
     * @throws ValidationException naming the first wrong key, its value and what is expected
     */
    public static void checkValues(
            Map<String, String> raw,
            Collection<ConfigOption<?>> options,
            Collection<ConfigOption<?>> blankAllowed) {
        for (ConfigOption<?> option : options) {
            Optional<String> value = rawValue(raw, option);
            if (value.isEmpty()) {
                continue;
            }
            String v = value.get();
            if (v.isBlank()) {
                if (blankAllowed.contains(option)) {
                    continue;
                }
                throw invalid(
                        raw, option, v, "must not be blank: give a value or remove the option");
            }
            try {
                Configuration.fromMap(Map.of(option.key(), v)).get(option);
            } catch (IllegalArgumentException e) {
                throw invalid(raw, option, v, "expected " + expectedType(option));
            }
        }
    }

    /** What a value of {@code option} looks like, for errors. */
    static String expectedType(ConfigOption<?> option) {
        Object example = option.hasDefaultValue() ? option.defaultValue() : null;
        if (example instanceof Enum) {
            return "one of "
                    + Arrays.toString(((Enum<?>) example).getDeclaringClass().getEnumConstants());
        }
        if (example instanceof Integer || example instanceof Long) {
            return "a whole number";
        }
        if (example instanceof Boolean) {
            return "true or false";
        }
        if (example instanceof Duration) {
            return "a duration such as '10 s' or '250 ms' (a bare number is milliseconds)";
        }
        if (example instanceof MemorySize) {
            return "a memory size such as '5mb' or '1024 kb' (a bare number is bytes)";
        }
        return "a value of the option's type";
    }
}
