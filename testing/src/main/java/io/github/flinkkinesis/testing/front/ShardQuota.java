package io.github.flinkkinesis.testing.front;

import java.util.ArrayDeque;

/**
 * The quotas and counts of one shard, as AWS enforces them, on a clock given in nanoseconds.
 *
 * <ul>
 *   <li>Writes: two token buckets, records and bytes (data plus partition key, as AWS counts them),
 *       each refilled at its rate per second and holding at most one second of it, so a shard takes
 *       a burst of one second's quota and then its rate. An entry is taken whole or throttled.
 *   <li>GetRecords calls: at most {@code read.calls-per-second} admitted calls in any sliding
 *       second.
 *   <li>Read bytes: a read of B bytes keeps the shard busy for B / {@code read.bytes-per-second}
 *       seconds; a call while it is busy is throttled. With 2 MiB/s a 10 MiB read makes the calls
 *       of the next 5 s fail: AWS's documented rule, and its general form.
 *   <li>Violations: a GetRecords call that arrives when the client had already made {@code
 *       read.calls-per-second} calls (admitted or throttled) on the shard within the last second,
 *       i.e. a call a well-paced client would not have made.
 * </ul>
 *
 * <p>Thread-safe (every method holds the shard's lock); lives as long as its {@link QuotaFront}.
 */
final class ShardQuota {

    private static final long SECOND = 1_000_000_000L;

    private final String stream;
    private final String shardId;
    private final QuotaFrontConfig config;

    private double recordTokens;
    private double byteTokens;
    private long refilledAt;
    private final ArrayDeque<Long> admittedCalls = new ArrayDeque<>();
    private final ArrayDeque<Long> allCalls = new ArrayDeque<>();
    private long readBusyUntil;
    private boolean readBusyUntilSet;

    private long recordsAccepted;
    private long recordsThrottled;
    private long bytesAccepted;
    private long getRecordsAllowed;
    private long getRecordsThrottled;
    private long getRecordsViolations;
    private long recordsRead;
    private long bytesRead;

    /** Why a GetRecords call was answered as it was. */
    enum ReadDecision {
        ALLOWED,
        /** more than read.calls-per-second calls in the last second */
        THROTTLED_CALLS,
        /** the bytes of earlier reads are not paid off yet (the 5-second rule) */
        THROTTLED_BYTES;

        boolean allowed() {
            return this == ALLOWED;
        }
    }

    ShardQuota(String stream, String shardId, QuotaFrontConfig config, long now) {
        this.stream = stream;
        this.shardId = shardId;
        this.config = config;
        this.recordTokens = config.writeRecordsPerSecond();
        this.byteTokens = config.writeBytesPerSecond();
        this.refilledAt = now;
    }

    /** Takes one record of {@code bytes} (data + partition key) if the write quota allows it. */
    synchronized boolean admitRecord(long bytes, long now) {
        refill(now);
        if (recordTokens >= 1 && byteTokens >= bytes) {
            recordTokens -= 1;
            byteTokens -= bytes;
            recordsAccepted++;
            bytesAccepted += bytes;
            return true;
        }
        recordsThrottled++;
        return false;
    }

    /** A record taken earlier was not stored after all (the server refused it): gives it back. */
    synchronized void refundRecord(long bytes) {
        recordTokens = Math.min(config.writeRecordsPerSecond(), recordTokens + 1);
        byteTokens = Math.min(config.writeBytesPerSecond(), byteTokens + bytes);
        recordsAccepted--;
        bytesAccepted -= bytes;
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            double seconds = elapsed / (double) SECOND;
            recordTokens =
                    Math.min(
                            config.writeRecordsPerSecond(),
                            recordTokens + seconds * config.writeRecordsPerSecond());
            byteTokens =
                    Math.min(
                            config.writeBytesPerSecond(),
                            byteTokens + seconds * config.writeBytesPerSecond());
            refilledAt = now;
        }
    }

    /**
     * Notes that the client made a GetRecords call on the shard at {@code now}, whatever becomes of
     * it (answered, throttled, or failed by an injected fault), and counts it as a violation when
     * the client had already made the per-second number of calls within the last second.
     */
    synchronized void noteGetRecordsCall(long now) {
        evictOlderThanOneSecond(allCalls, now);
        if (allCalls.size() >= config.readCallsPerSecond()) {
            getRecordsViolations++;
        }
        allCalls.addLast(now);
    }

    /**
     * Decides a GetRecords call made at {@code now} (noted before with {@link
     * #noteGetRecordsCall}); an allowed call must be followed by {@link #chargeRead}.
     */
    synchronized ReadDecision admitGetRecords(long now) {
        evictOlderThanOneSecond(admittedCalls, now);
        ReadDecision decision;
        if (readBusyUntilSet && now < readBusyUntil) {
            decision = ReadDecision.THROTTLED_BYTES;
        } else if (admittedCalls.size() >= config.readCallsPerSecond()) {
            decision = ReadDecision.THROTTLED_CALLS;
        } else {
            admittedCalls.addLast(now);
            getRecordsAllowed++;
            return ReadDecision.ALLOWED;
        }
        getRecordsThrottled++;
        return decision;
    }

    /**
     * The answer of an allowed call made at {@code callTime} carried {@code records} records of
     * {@code bytes}.
     */
    synchronized void chargeRead(long records, long bytes, long callTime) {
        recordsRead += records;
        bytesRead += bytes;
        long start = readBusyUntilSet && readBusyUntil > callTime ? readBusyUntil : callTime;
        readBusyUntil = start + (long) (bytes * (double) SECOND / config.readBytesPerSecond());
        readBusyUntilSet = true;
    }

    private static void evictOlderThanOneSecond(ArrayDeque<Long> calls, long now) {
        while (!calls.isEmpty() && now - calls.peekFirst() >= SECOND) {
            calls.removeFirst();
        }
    }

    synchronized ShardCounts counts() {
        return new ShardCounts(
                stream,
                shardId,
                recordsAccepted,
                recordsThrottled,
                bytesAccepted,
                getRecordsAllowed,
                getRecordsThrottled,
                getRecordsViolations,
                recordsRead,
                bytesRead);
    }
}
