package io.github.flinkkinesis.aws;

import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
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
}
