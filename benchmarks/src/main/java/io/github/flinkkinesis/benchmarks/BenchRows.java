package io.github.flinkkinesis.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * The benchmark's payload: ~100-byte JSON rows {@code {"id":..,"name":..,"amount":..,"qty":..,
 * "ts":..}} with the same shape and value ranges as the SQL {@code datagen} table of the sink
 * benchmarks, so that the raw loop, our connector and the official one all move the same data.
 */
public final class BenchRows {

    private static final char[] ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final DateTimeFormatter SQL_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final LocalDateTime BASE = LocalDateTime.of(2026, 1, 1, 0, 0);

    private final SplittableRandom random;

    public BenchRows(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The JSON bytes of the row with {@code id}. */
    public byte[] row(long id) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"id\":").append(id).append(",\"name\":\"");
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        sb.append("\",\"amount\":").append(random.nextDouble() * 1000.0);
        sb.append(",\"qty\":").append(random.nextInt(1001));
        sb.append(",\"ts\":\"")
                .append(SQL_TIMESTAMP.format(BASE.plusNanos((id % 86_400_000L) * 1_000_000L)))
                .append("\"}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A random partition key, as the connectors' default 'random' partitioner makes. */
    public String partitionKey() {
        return Long.toHexString(random.nextLong());
    }

    /** The id of a JSON row made by {@link #row} or by Flink's json format, or -1. */
    public static long idOf(byte[] json) {
        // "id" is the first field in both: {"id":123,...
        int i = 6;
        if (json.length < 7 || json[0] != '{' || json[2] != 'i' || json[3] != 'd') {
            return -1;
        }
        long id = 0;
        boolean negative = json[i] == '-';
        if (negative) {
            i++;
        }
        for (; i < json.length && json[i] >= '0' && json[i] <= '9'; i++) {
            id = id * 10 + (json[i] - '0');
        }
        return negative ? -id : id;
    }
}
