package io.github.flinkkinesis.examples.tableapi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/**
 * The command line of {@link ShardWindowCounts}: {@code --name value} pairs, checked when parsed so
 * that a typo is an error naming the argument.
 *
 * <ul>
 *   <li>{@code --input-stream}, {@code --output-stream} (required): the Kinesis streams to read and
 *       write (names or ARNs); they must exist.
 *   <li>{@code --region} (default {@code us-east-1}): region of Glue and Kinesis.
 *   <li>{@code --glue-endpoint}, {@code --kinesis-endpoint}: endpoint overrides, e.g. local
 *       servers.
 *   <li>{@code --database} (default {@code kinesis_example}): the Glue database of the two tables.
 *   <li>{@code --window} (default {@code 1 min}), {@code --watermark-delay} (default {@code 5 s}),
 *       {@code --idle-timeout} (default {@code 1 min}): Flink durations such as {@code 10 s}.
 *   <li>{@code --start} (default {@code LATEST}): {@code LATEST}, {@code TRIM_HORIZON}.
 *   <li>{@code --bounded} (default {@code false}): {@code true} reads up to the records that are in
 *       the stream when the job starts, then the job finishes (its last windows close).
 *   <li>{@code --catalog.<key> <value>}: any further option of the Glue catalog, e.g. {@code
 *       --catalog.aws.credentials.provider PROFILE}; its Kinesis tables inherit credentials from
 *       it.
 * </ul>
 */
final class JobArguments {

    static final String CATALOG_PREFIX = "catalog.";

    private static final Set<String> NAMES =
            Set.of(
                    "input-stream",
                    "output-stream",
                    "region",
                    "glue-endpoint",
                    "kinesis-endpoint",
                    "database",
                    "window",
                    "watermark-delay",
                    "idle-timeout",
                    "start",
                    "bounded");

    private final Map<String, String> values;

    private JobArguments(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code --name value} pairs; an unknown name or a missing value is an error. */
    static JobArguments parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(
                        "Expected --name value pairs, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!NAMES.contains(name) && !name.startsWith(CATALOG_PREFIX)) {
                throw new IllegalArgumentException(
                        "Unknown argument --"
                                + name
                                + "; known: "
                                + NAMES
                                + " and --catalog.<key>");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Argument --" + name + " has no value");
            }
            values.put(name, args[i + 1]);
        }
        JobArguments parsed = new JobArguments(values);
        parsed.required("input-stream");
        parsed.required("output-stream");
        parsed.window(); // fail early on a bad duration
        parsed.watermarkDelay();
        parsed.idleTimeout();
        return parsed;
    }

    String inputStream() {
        return required("input-stream");
    }

    String outputStream() {
        return required("output-stream");
    }

    String region() {
        return values.getOrDefault("region", "us-east-1");
    }

    Optional<String> glueEndpoint() {
        return Optional.ofNullable(values.get("glue-endpoint"));
    }

    Optional<String> kinesisEndpoint() {
        return Optional.ofNullable(values.get("kinesis-endpoint"));
    }

    String database() {
        return values.getOrDefault("database", "kinesis_example");
    }

    Duration window() {
        Duration window = duration("window", "1 min");
        if (window.toMillis() < 1 || window.toDays() > 99) {
            throw new IllegalArgumentException("--window must be from 1 ms to 99 days: " + window);
        }
        return window;
    }

    Duration watermarkDelay() {
        return duration("watermark-delay", "5 s");
    }

    Duration idleTimeout() {
        return duration("idle-timeout", "1 min");
    }

    String start() {
        String start = values.getOrDefault("start", "LATEST");
        if (!start.equals("LATEST") && !start.equals("TRIM_HORIZON")) {
            throw new IllegalArgumentException(
                    "--start must be LATEST or TRIM_HORIZON, not '" + start + "'");
        }
        return start;
    }

    boolean bounded() {
        return Boolean.parseBoolean(values.getOrDefault("bounded", "false"));
    }

    /** The {@code --catalog.<key>} options, by {@code <key>}. */
    Map<String, String> catalogOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        values.forEach(
                (name, value) -> {
                    if (name.startsWith(CATALOG_PREFIX)) {
                        options.put(name.substring(CATALOG_PREFIX.length()), value);
                    }
                });
        return options;
    }

    private String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing argument --" + name);
        }
        return value;
    }

    private Duration duration(String name, String defaultValue) {
        String value = values.getOrDefault(name, defaultValue);
        try {
            return TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--" + name + " is not a duration such as '10 s': '" + value + "'", e);
        }
    }
}
