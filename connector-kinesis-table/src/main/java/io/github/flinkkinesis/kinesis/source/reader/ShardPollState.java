package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Where the polling of one shard stands in a {@link PollingSplitReader}: the shard iterator of the
 * next GetRecords call (null until one is fetched, after it expired, and once the shard is closed),
 * the sequence number of the last record fetched, the earliest time of the next call, the
 * throttling backoff, and the shard's MillisBehindLatest gauge it updates after every answer.
 *
 * <p>Lifecycle: made when the split is added to the fetcher, touched only by the fetcher thread,
 * dropped when the split finishes or is removed. Nothing refers back to it, so dropping it ends the
 * gauge's updates and frees the split, although the gauge stays registered (see {@link
 * PollingMetrics}).
 */
@Internal
final class ShardPollState {

    private final KinesisShardSplit split;
    private final ThrottlingBackoff backoff = new ThrottlingBackoff();
    @Nullable private String iterator;
    @Nullable private String lastFetchedSequenceNumber;
    private final PollingMetrics.MillisBehindLatest millisBehindLatest;
    private long nextCallAt;
    private int transientFailuresInARow;

    /**
     * @param millisBehindLatest the shard's registered gauge, which this state updates and which
     *     outlives it (it holds nothing but the value)
     */
    ShardPollState(KinesisShardSplit split, PollingMetrics.MillisBehindLatest millisBehindLatest) {
        this.split = split;
        this.millisBehindLatest = millisBehindLatest;
    }

    String shardId() {
        return split.shardId();
    }

    String splitId() {
        return split.splitId();
    }

    StreamId stream() {
        return split.stream();
    }

    StopCondition stopCondition() {
        return split.stopCondition();
    }

    @Nullable
    String iterator() {
        return iterator;
    }

    /** The iterator for the next call; null after the last records of a closed shard. */
    void setIterator(@Nullable String iterator) {
        this.iterator = iterator;
    }

    long nextCallAt() {
        return nextCallAt;
    }

    boolean isDue(long now) {
        return nextCallAt <= now;
    }

    void callAgainAt(long time) {
        this.nextCallAt = time;
    }

    /** The iterator expired: get a new one (at {@link #resumePosition()}) right away. */
    void iteratorExpired(long now) {
        iterator = null;
        nextCallAt = now;
    }

    /** The call was throttled: backs off and returns the delay until the next call. */
    long throttled(long now) {
        long delay = backoff.throttled();
        nextCallAt = now + delay;
        return delay;
    }

    int throttledCallsInARow() {
        return backoff.throttledCallsInARow();
    }

    /**
     * The call failed transiently (5xx, no answer): backs off as after throttling and returns the
     * delay until the next call.
     */
    long failedTransiently(long now) {
        transientFailuresInARow++;
        return throttled(now);
    }

    /** Transient failures since the last answer. */
    int transientFailuresInARow() {
        return transientFailuresInARow;
    }

    /**
     * GetRecords answered (with or without records).
     *
     * @param millisBehindLatest as Kinesis reported it, or null when it did not
     */
    void answered(@Nullable Long millisBehindLatest) {
        backoff.reset();
        transientFailuresInARow = 0;
        this.millisBehindLatest.update(millisBehindLatest == null ? -1L : millisBehindLatest);
    }

    /** The record with {@code sequenceNumber} was handed on. */
    void fetched(String sequenceNumber) {
        this.lastFetchedSequenceNumber = sequenceNumber;
    }

    /**
     * The split's position until a record was fetched (a position inside a KPL aggregate makes the
     * proxy read that record again), then just after the last fetched record: records are handed to
     * the emitter whole, aggregates included, so this never cuts an aggregate.
     */
    StartingPosition resumePosition() {
        return lastFetchedSequenceNumber == null
                ? split.startingPosition()
                : StartingPosition.afterSequenceNumber(lastFetchedSequenceNumber);
    }
}
