package io.github.flinkkinesis.kinesis.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;

/**
 * How many records the sink writer keeps in flight, tuned to how Kinesis throttles: per shard, per
 * entry. A PutRecords call whose entries were partly throttled (some shards at their 1,000
 * records/s or 1 MiB/s) lowers the in-flight budget by the throttled share (a call with 4%
 * throttled lowers it by 4%, one with 90% by 90%); a call that stored everything raises it by a
 * quarter of its size (at least {@value #INCREASE} records), up to {@code sink.batch.max-size} ×
 * {@code sink.requests.max-inflight}, where the writer starts. Batches are {@code
 * sink.batch.max-size} records, fewer only while the budget is smaller than one batch; one call is
 * always allowed.
 *
 * <p>Flink's default strategy (AIMD) halves the budget at every call with any failed entry: against
 * a stream at its write limit, where most calls carry a few throttled entries, it settles below the
 * limit; a fixed budget instead keeps pushing far beyond it (both measured in docs/benchmarks.md,
 * "Kinesis at its physical limits"). Throttled entries are retried by the writer either way (see
 * {@link PutRecordsSubmitter}); this only decides how much is sent at once.
 *
 * <p>Lifecycle: one per sink writer, called from the writer's mailbox thread only.
 */
@Internal
final class ProportionalRateLimiting implements RateLimitingStrategy {

    /** The least a wholly stored call adds to the budget, in records. */
    static final int INCREASE = 10;

    private final int maxBatchSize;
    private final int maxInFlightRequests;
    private final long ceiling;

    private double budget;
    private int inFlightRequests;
    private long inFlightMessages;

    ProportionalRateLimiting(int maxBatchSize, int maxInFlightRequests) {
        this.maxBatchSize = maxBatchSize;
        this.maxInFlightRequests = maxInFlightRequests;
        this.ceiling = (long) maxBatchSize * maxInFlightRequests;
        this.budget = ceiling;
    }

    @Override
    public void registerInFlightRequest(RequestInfo request) {
        inFlightRequests++;
        inFlightMessages += request.getBatchSize();
    }

    @Override
    public void registerCompletedRequest(ResultInfo result) {
        inFlightRequests = Math.max(0, inFlightRequests - 1);
        inFlightMessages = Math.max(0, inFlightMessages - result.getBatchSize());
        int size = Math.max(1, result.getBatchSize());
        if (result.getFailedMessages() == 0) {
            budget = Math.min(ceiling, budget + Math.max(INCREASE, size / 4.0));
        } else {
            double throttledShare = Math.min(1.0, result.getFailedMessages() / (double) size);
            budget = Math.max(1, budget * (1 - throttledShare));
        }
    }

    @Override
    public boolean shouldBlock(RequestInfo request) {
        if (inFlightRequests >= maxInFlightRequests) {
            return true;
        }
        return inFlightMessages > 0 && inFlightMessages + request.getBatchSize() > budget;
    }

    @Override
    public int getMaxBatchSize() {
        return (int) Math.max(1, Math.min(maxBatchSize, Math.round(budget)));
    }

    /** The current in-flight budget in records (for tests). */
    long budget() {
        return Math.round(budget);
    }
}
