package io.github.flinkkinesis.kinesis.testutil;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.types.Row;

/**
 * JSON records that carry their own event time ({@code {"id":1,"ts":"2026-01-01 00:00:05.000"}}),
 * for tests that control event time independently of arrival time, and the tumbling-window counts
 * they should produce, computed from the records as the Kinesis API returns them.
 */
public final class EventTimeRecords {

    /** Event time zero of the tests. */
    public static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    /** A hash key in the range of the first of two shards. */
    public static final String FIRST_SHARD_HASH_KEY = "0";

    /** A hash key in the range of the second of two shards. */
    public static final String SECOND_SHARD_HASH_KEY =
            BigInteger.ONE.shiftLeft(127).add(BigInteger.TEN).toString();

    /**
     * The table {@code events}: the payload's id and event time {@code ts}, the shard of each row,
     * and a watermark one second behind the event time.
     */
    public static final String EVENTS_TABLE =
            "events (id INT, ts TIMESTAMP(3),"
                    + " shard STRING METADATA FROM 'shard-id' VIRTUAL,"
                    + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)";

    private static final DateTimeFormatter SQL_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern TS = Pattern.compile("\"ts\":\"([^\"]+)\"");

    private EventTimeRecords() {}

    /** The payload of record {@code id} with event time {@code BASE + offset}. */
    public static String payload(int id, Duration offset) {
        LocalDateTime ts = LocalDateTime.ofInstant(BASE.plus(offset), ZoneOffset.UTC);
        return "{\"id\":" + id + ",\"ts\":\"" + SQL_TIMESTAMP.format(ts) + "\"}";
    }

    /** The event time in a payload made by {@link #payload}. */
    public static Instant eventTime(String payload) {
        Matcher m = TS.matcher(payload);
        if (!m.find()) {
            throw new IllegalArgumentException("No event time in " + payload);
        }
        return LocalDateTime.parse(m.group(1), SQL_TIMESTAMP).toInstant(ZoneOffset.UTC);
    }

    /**
     * Records per tumbling window and shard, as "windowStart shardId" (window start in seconds
     * after {@link #BASE}) mapped to the count, of the records Kinesis holds.
     */
    public static Map<String, Long> windowCounts(
            List<TestStreams.ShardRecord> records, Duration window) {
        Map<String, Long> counts = new TreeMap<>();
        for (TestStreams.ShardRecord record : records) {
            long offset = eventTime(record.data()).toEpochMilli() - BASE.toEpochMilli();
            long start = Math.floorDiv(offset, window.toMillis()) * window.toMillis();
            counts.merge(key(start / 1000, record.shardId()), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * The key of a row {@code (window_start TIMESTAMP(3), shard, n)} of a windowed count, as in
     * {@link #windowCounts}.
     */
    public static String windowKey(Row row) {
        LocalDateTime start = (LocalDateTime) row.getField(0);
        long seconds = start.toInstant(ZoneOffset.UTC).getEpochSecond() - BASE.getEpochSecond();
        return key(seconds, (String) row.getField(1));
    }

    private static String key(long windowStartSeconds, String shardId) {
        return windowStartSeconds + " " + shardId;
    }
}
