package io.github.flinkkinesis.kinesis.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;

/**
 * How many records the sink writer keeps in flight, tuned to how Kinesis throttles: per shard, per
 * entry. A PutRecords call whose entries were partly throttled (some shards at their 1,000
 * records/s or 1 MiB/s) lowers the in-flight budget in proportion to the throttled share (a call
 * with 4% throttled lowers it by 2%); a call that stored everything raises it by its own size, up
 * to {@code sink.batch.max-size} × {@code sink.requests.max-inflight}, where the writer starts.
 * Batches always stay at {@code sink.batch.max-size} and one call is always allowed.
 *
 * <p>Flink's default strategy (AIMD) halves the budget, and with it the batch size, at every call
 * with a failed entry and grows it back by 10 records per call: against a stream at its write
 * limit, where most calls carry a few throttled entries, it settles far below the limit (measured
 * in docs/benchmarks.md, "Kinesis at its physical limits"). Throttled entries are retried by the
 * writer either way (see {@link PutRecordsSubmitter}); this only decides how much is sent at once.
 *
 * <p>Lifecycle: one per sink writer, called from the writer's mailbox thread only.
 */
@Internal
final class ProportionalRateLimiting implements RateLimitingStrategy {

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
            budget = Math.min(ceiling, budget + size);
        } else {
            double throttledShare = Math.min(1.0, result.getFailedMessages() / (double) size);
            budget = Math.max(maxBatchSize, budget * (1 - throttledShare / 2));
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
        return maxBatchSize;
    }

    /** The current in-flight budget in records (for tests). */
    long budget() {
        return (long) budget;
    }
}
