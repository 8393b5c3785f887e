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
 *   <li>{@value #LATENCY}: milliseconds the last PutRecords call took (gauge).
 * </ul>
 *
 * Updated from the SDK's callback threads, hence the thread-safe counters.
 */
@Internal
public final class KinesisSinkMetrics {

    public static final String RETRIED = "numRecordsRetried";
    public static final String THROTTLED = "numRecordsThrottled";
    public static final String LATENCY = "putRecordsLatencyMs";

    private final Counter failed;
    private final Counter retried;
    private final Counter throttled;
    private volatile long lastLatencyMs;

    public KinesisSinkMetrics(SinkWriterMetricGroup group) {
        this.failed = group.getNumRecordsSendErrorsCounter();
        this.retried = group.counter(RETRIED, new ConcurrentCounter());
        this.throttled = group.counter(THROTTLED, new ConcurrentCounter());
        group.gauge(LATENCY, () -> lastLatencyMs);
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
