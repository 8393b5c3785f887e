package io.github.flinkkinesis.testing.front;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The limits and fault rates of one {@link QuotaFront}: AWS's per-shard quotas by default ({@link
 * #aws()}), with smaller numbers for tests, and seeded fault injection that is off unless a rate is
 * set. An immutable value; {@link #withOption} returns a changed copy, so that a test, the main
 * class and a script name every setting with the same keys ({@link #KEYS}).
 */
public final class QuotaFrontConfig {

    /**
     * Every setting, by the key {@link #withOption} and the main class accept, with its meaning.
     */
    public static final Map<String, String> KEYS = keys();

    private long writeRecordsPerSecond;
    private long writeBytesPerSecond;
    private int readCallsPerSecond;
    private long readBytesPerSecond;
    private long seed;
    private double internalFailureRate;
    private double entryFailureRate;
    private double connectionResetRate;
    private double slowResponseRate;
    private Duration slowResponseDelay;

    private QuotaFrontConfig() {}

    private QuotaFrontConfig copy() {
        QuotaFrontConfig c = new QuotaFrontConfig();
        c.writeRecordsPerSecond = writeRecordsPerSecond;
        c.writeBytesPerSecond = writeBytesPerSecond;
        c.readCallsPerSecond = readCallsPerSecond;
        c.readBytesPerSecond = readBytesPerSecond;
        c.seed = seed;
        c.internalFailureRate = internalFailureRate;
        c.entryFailureRate = entryFailureRate;
        c.connectionResetRate = connectionResetRate;
        c.slowResponseRate = slowResponseRate;
        c.slowResponseDelay = slowResponseDelay;
        return c;
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("write.records-per-second", "records written per second and shard (1000)");
        keys.put(
                "write.bytes-per-second",
                "bytes (data + partition key) written per second and shard (1048576)");
        keys.put("read.calls-per-second", "GetRecords calls per second and shard (5)");
        keys.put(
                "read.bytes-per-second",
                "bytes read per second and shard (2097152); a read of B bytes throttles the shard's next calls for B / this many seconds");
        keys.put("fault.seed", "seed of the fault injection (0)");
        keys.put(
                "fault.internal-failure-rate",
                "share of data calls answered HTTP 500 InternalFailure without reaching the server (0)");
        keys.put(
                "fault.entry-failure-rate",
                "share of PutRecords entries answered InternalFailure without reaching the server (0)");
        keys.put(
                "fault.connection-reset-rate",
                "share of data calls whose connection is closed after the server handled them, the answer lost (0)");
        keys.put(
                "fault.slow-response-rate",
                "share of data calls delayed by fault.slow-response-delay (0)");
        keys.put("fault.slow-response-delay", "delay of a slow response, e.g. 300ms or 2s (500ms)");
        return java.util.Collections.unmodifiableMap(keys);
    }

    /**
     * AWS's quotas per shard: 1,000 records and 1 MiB written, 5 calls and 2 MiB read per second;
     * no faults.
     */
    public static QuotaFrontConfig aws() {
        QuotaFrontConfig c = new QuotaFrontConfig();
        c.writeRecordsPerSecond = 1000;
        c.writeBytesPerSecond = 1024 * 1024;
        c.readCallsPerSecond = 5;
        c.readBytesPerSecond = 2 * 1024 * 1024;
        c.slowResponseDelay = Duration.ofMillis(500);
        return c;
    }

    /**
     * A copy with one setting changed.
     *
     * @param key one of {@link #KEYS}
     * @throws IllegalArgumentException naming the key as given and what it accepts
     */
    public QuotaFrontConfig withOption(String key, String value) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        try {
            switch (k) {
                case "write.records-per-second":
                    return writeRecordsPerSecond(positiveLong(value));
                case "write.bytes-per-second":
                    return writeBytesPerSecond(positiveLong(value));
                case "read.calls-per-second":
                    return readCallsPerSecond((int) positiveLong(value));
                case "read.bytes-per-second":
                    return readBytesPerSecond(positiveLong(value));
                case "fault.seed":
                    return seed(Long.parseLong(value.trim()));
                case "fault.internal-failure-rate":
                    return internalFailureRate(Double.parseDouble(value.trim()));
                case "fault.entry-failure-rate":
                    return entryFailureRate(Double.parseDouble(value.trim()));
                case "fault.connection-reset-rate":
                    return connectionResetRate(Double.parseDouble(value.trim()));
                case "fault.slow-response-rate":
                    return slowResponseRate(Double.parseDouble(value.trim()));
                case "fault.slow-response-delay":
                    return slowResponseDelay(duration(value));
                default:
                    throw new IllegalArgumentException(
                            "Unknown quota front setting '" + key + "'; known: " + KEYS.keySet());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Invalid value '"
                            + value
                            + "' of quota front setting '"
                            + key
                            + "': "
                            + KEYS.get(k),
                    e);
        }
    }

    private static long positiveLong(String value) {
        long v = Long.parseLong(value.trim());
        if (v < 1) {
            throw new NumberFormatException("must be at least 1");
        }
        return v;
    }

    private static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(
                    Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
        }
        throw new NumberFormatException("a duration such as 300ms or 2s");
    }

    private static double rate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + rate);
        }
        return rate;
    }

    private static long atLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
        return value;
    }

    public QuotaFrontConfig writeRecordsPerSecond(long value) {
        QuotaFrontConfig c = copy();
        c.writeRecordsPerSecond = atLeastOne("write.records-per-second", value);
        return c;
    }

    public QuotaFrontConfig writeBytesPerSecond(long value) {
        QuotaFrontConfig c = copy();
        c.writeBytesPerSecond = atLeastOne("write.bytes-per-second", value);
        return c;
    }

    public QuotaFrontConfig readCallsPerSecond(int value) {
        QuotaFrontConfig c = copy();
        c.readCallsPerSecond = (int) atLeastOne("read.calls-per-second", value);
        return c;
    }

    public QuotaFrontConfig readBytesPerSecond(long value) {
        QuotaFrontConfig c = copy();
        c.readBytesPerSecond = atLeastOne("read.bytes-per-second", value);
        return c;
    }

    public QuotaFrontConfig seed(long value) {
        QuotaFrontConfig c = copy();
        c.seed = value;
        return c;
    }

    public QuotaFrontConfig internalFailureRate(double value) {
        QuotaFrontConfig c = copy();
        c.internalFailureRate = rate("fault.internal-failure-rate", value);
        return c;
    }

    public QuotaFrontConfig entryFailureRate(double value) {
        QuotaFrontConfig c = copy();
        c.entryFailureRate = rate("fault.entry-failure-rate", value);
        return c;
    }

    public QuotaFrontConfig connectionResetRate(double value) {
        QuotaFrontConfig c = copy();
        c.connectionResetRate = rate("fault.connection-reset-rate", value);
        return c;
    }

    public QuotaFrontConfig slowResponseRate(double value) {
        QuotaFrontConfig c = copy();
        c.slowResponseRate = rate("fault.slow-response-rate", value);
        return c;
    }

    public QuotaFrontConfig slowResponseDelay(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(
                    "fault.slow-response-delay must not be negative: " + value);
        }
        QuotaFrontConfig c = copy();
        c.slowResponseDelay = value;
        return c;
    }

    public long writeRecordsPerSecond() {
        return writeRecordsPerSecond;
    }

    public long writeBytesPerSecond() {
        return writeBytesPerSecond;
    }

    public int readCallsPerSecond() {
        return readCallsPerSecond;
    }

    public long readBytesPerSecond() {
        return readBytesPerSecond;
    }

    public long seed() {
        return seed;
    }

    public double internalFailureRate() {
        return internalFailureRate;
    }

    public double entryFailureRate() {
        return entryFailureRate;
    }

    public double connectionResetRate() {
        return connectionResetRate;
    }

    public double slowResponseRate() {
        return slowResponseRate;
    }

    public Duration slowResponseDelay() {
        return slowResponseDelay;
    }

    @Override
    public String toString() {
        return "write "
                + writeRecordsPerSecond
                + " records/s and "
                + writeBytesPerSecond
                + " B/s, read "
                + readCallsPerSecond
                + " calls/s and "
                + readBytesPerSecond
                + " B/s per shard; faults (seed "
                + seed
                + "): internal failure "
                + internalFailureRate
                + ", entry failure "
                + entryFailureRate
                + ", connection reset "
                + connectionResetRate
                + ", slow "
                + slowResponseRate
                + " ("
                + slowResponseDelay.toMillis()
                + " ms)";
    }
}
