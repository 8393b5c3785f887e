package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.ConcurrentCounter;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * The sink's own metrics, registered under the sink writer's metric group next to the base's {@code
 * numRecordsSend} / {@code numBytesSend}:
 *
 * <ul>
 *   <li>{@code numRecordsSendErrors} (Flink's standard counter): entries that failed an attempt,
 *       whether they were then retried or failed the job;
 *   <li>{@value #RETRIED}: entries put back into the buffer to be sent again;
 *   <li>{@value #THROTTLED}: entries whose attempt Kinesis or KMS throttled;
 *   <li>{@value #LATENCY}: milliseconds the last PutRecords call took (gauge);
 *   <li>with KPL aggregation only: {@value #AGGREGATES_SENT}, KPL aggregated records sent (each
 *       attempt); {@value #USER_RECORDS_PER_AGGREGATE}, user records per aggregated record in the
 *       last batch (gauge); {@value #AGGREGATES_WRONG_SHARD}, aggregates Kinesis stored in another
 *       shard than the one they were packed for (their user records are sent again).
 * </ul>
 *
 * Updated from the SDK's callback threads, hence the thread-safe counters.
 */
@Internal
public final class KinesisSinkMetrics {

    public static final String RETRIED = "numRecordsRetried";
    public static final String THROTTLED = "numRecordsThrottled";
    public static final String LATENCY = "putRecordsLatencyMs";
    public static final String AGGREGATES_SENT = "aggregatedRecordsSent";
    public static final String USER_RECORDS_PER_AGGREGATE = "userRecordsPerAggregatedRecord";
    public static final String AGGREGATES_WRONG_SHARD = "aggregatedRecordsInWrongShard";

    private final Counter failed;
    private final Counter retried;
    private final Counter throttled;
    private volatile long lastLatencyMs;
    private final Counter aggregatesSent;
    private final Counter aggregatesInWrongShard;
    private volatile double userRecordsPerAggregate;

    public KinesisSinkMetrics(SinkWriterMetricGroup group) {
        this.failed = group.getNumRecordsSendErrorsCounter();
        this.retried = group.counter(RETRIED, new ConcurrentCounter());
        this.throttled = group.counter(THROTTLED, new ConcurrentCounter());
        group.gauge(LATENCY, () -> lastLatencyMs);
        this.aggregatesSent = group.counter(AGGREGATES_SENT, new ConcurrentCounter());
        this.aggregatesInWrongShard =
                group.counter(AGGREGATES_WRONG_SHARD, new ConcurrentCounter());
        group.gauge(USER_RECORDS_PER_AGGREGATE, () -> userRecordsPerAggregate);
    }

    /** A batch went out as {@code aggregates} aggregated records holding {@code userRecords}. */
    void aggregatesSent(int aggregates, int userRecords) {
        aggregatesSent.inc(aggregates);
        if (aggregates > 0) {
            userRecordsPerAggregate = (double) userRecords / aggregates;
        }
    }

    void aggregateInWrongShard() {
        aggregatesInWrongShard.inc();
    }

    public long aggregatesSentCount() {
        return aggregatesSent.getCount();
    }

    public long aggregatesInWrongShardCount() {
        return aggregatesInWrongShard.getCount();
    }

    public double userRecordsPerAggregate() {
        return userRecordsPerAggregate;
    }

    void callCompleted(long latencyMs) {
        lastLatencyMs = latencyMs;
    }

    void entriesFailed(int count) {
        // The standard counter is not guaranteed thread-safe.
        synchronized (failed) {
            failed.inc(count);
        }
    }

    void entriesRetried(int count) {
        retried.inc(count);
    }

    void entriesThrottled(int count) {
        throttled.inc(count);
    }

    public long failedCount() {
        return failed.getCount();
    }

    public long retriedCount() {
        return retried.getCount();
    }

    public long throttledCount() {
        return throttled.getCount();
    }

    public long lastLatencyMs() {
        return lastLatencyMs;
    }
}
