package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.model.KinesisLimits;
import io.github.flinkkinesis.kinesis.proxy.StreamProxy;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Polls the shards given to one fetcher thread with GetRecords, one call per {@link #fetch()} (a
 * reader runs several of these, see {@link KinesisSplitFetcherManager}).
 *
 * <p>Per shard it keeps a {@link ShardPollState} (iterator, last fetched sequence number, earliest
 * time of the next call, backoff). It enforces the pace: after records the next call waits at least
 * the non-empty fetch interval (200 ms keeps within Kinesis' 5 calls/s per shard) and, after a
 * large answer, as long as the shard needs to serve those bytes at 2 MiB/s (a call sooner would be
 * throttled), after an empty answer the empty fetch interval, after throttling
 * (ProvisionedThroughputExceeded, LimitExceeded) the shard's {@link ThrottlingBackoff} (and the
 * reader's {@value PollingMetrics#CALLS_THROTTLED} counter counts the call). A transient failure
 * (5xx, connection reset, timeout) backs off the same way, since the SDK does not retry GetRecords
 * (its retries would be unpaced calls); the fetcher fails after {@value
 * #MAX_TRANSIENT_FAILURES_IN_A_ROW} of them in a row on one shard. An expired iterator is replaced
 * by a new one after the last fetched record (or at the split's starting position). A split
 * finishes when the shard is closed (no next iterator) or its stop condition is reached; records
 * beyond the stop condition are not returned. A split whose shard Kinesis no longer knows
 * (ResourceNotFound naming the shard, after a restore past the retention) finishes with a warning
 * and the {@value #SHARDS_NOT_FOUND_METRIC} counter. A split of a stream that is gone fails the job
 * when the table names the stream, and finishes likewise when the stream was found by the table's
 * pattern (streams come and go). A restored split of a stream the source no longer reads (no longer
 * listed, or no longer matching) finishes without being read.
 *
 * <p>Watermark alignment (FLIP-182/217): Flink pauses a shard whose watermark ran more than the
 * allowed drift ahead of its alignment group and resumes it when the group caught up ({@link
 * #pauseOrResumeSplits}). A paused shard is not polled: it keeps its iterator, position, pace and
 * backoff, and holds no records in the reader (what it fetched before the pause was already handed
 * on), so pausing costs no memory. An iterator that expired during a long pause is replaced after
 * the last fetched record, as any expired iterator.
 *
 * <p>Lifecycle: one per fetcher thread, made by the fetcher manager when it starts the fetcher and
 * closed (with its proxy) when the fetcher ends. A shard's state lives from its split's addition to
 * its end or removal; its gauge outlives it with the last value (see {@link PollingMetrics}).
 */
@Internal
public final class PollingSplitReader implements SplitReader<Record, KinesisShardSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(PollingSplitReader.class);

    /**
     * Transient failures (5xx, connection errors, timeouts) of one shard's calls in a row after
     * which the fetcher fails; the calls between are paced by the shard's backoff (~13 s in all).
     */
    static final int MAX_TRANSIENT_FAILURES_IN_A_ROW = 8;

    /** Longest wait in one fetch, so that new splits and shutdown are noticed quickly. */
    static final long MAX_WAIT_MILLIS = 500;

    /** Counts splits finished because their shard no longer exists (past retention). */
    public static final String SHARDS_NOT_FOUND_METRIC = "shardsNotFound";

    private final StreamProxy proxy;
    private final KinesisSourceConfig config;
    private final PollingMetrics metrics;
    private final LongSupplier clock;
    private final Sleeper sleeper;

    private final List<ShardPollState> shards = new ArrayList<>();
    private final Set<String> finishedWithoutReading = new HashSet<>();
    private final Set<String> paused = new HashSet<>();
    private int cursor;

    /**
     * @param metrics the reader's metrics, registered once and shared by all fetchers of one reader
     *     ({@link PollingMetrics#registeredOn})
     */
    public PollingSplitReader(
            StreamProxy proxy, KinesisSourceConfig config, PollingMetrics metrics) {
        this(proxy, config, metrics, System::currentTimeMillis, new MonitorSleeper());
    }

    /** With the clock and the way of waiting given, so that tests need not wait. */
    PollingSplitReader(
            StreamProxy proxy,
            KinesisSourceConfig config,
            PollingMetrics metrics,
            LongSupplier clock,
            Sleeper sleeper) {
        this.proxy = proxy;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public RecordsWithSplitIds<Record> fetch() throws IOException {
        RecordsBySplits.Builder<Record> result = new RecordsBySplits.Builder<>();
        if (!finishedWithoutReading.isEmpty()) {
            result.addFinishedSplits(finishedWithoutReading);
            finishedWithoutReading.clear();
            return result.build();
        }
        if (shards.isEmpty()) {
            return result.build();
        }
        long now = clock.getAsLong();
        ShardPollState next = nextDue(now);
        if (next == null) {
            long wait = Long.MAX_VALUE;
            for (ShardPollState shard : shards) {
                if (!paused.contains(shard.splitId())) {
                    wait = Math.min(wait, shard.nextCallAt() - now);
                }
            }
            try {
                sleeper.sleep(Math.min(wait, MAX_WAIT_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result.build();
        }
        poll(next, now, result);
        return result.build();
    }

    /**
     * The next shard in round-robin order that is not paused and whose next call is due, or null.
     */
    @Nullable
    private ShardPollState nextDue(long now) {
        for (int i = 0; i < shards.size(); i++) {
            int index = (cursor + i) % shards.size();
            ShardPollState shard = shards.get(index);
            if (shard.isDue(now) && !paused.contains(shard.splitId())) {
                cursor = index + 1;
                return shards.get(index);
            }
        }
        return null;
    }

    private void poll(ShardPollState shard, long now, RecordsBySplits.Builder<Record> result)
            throws IOException {
        GetRecordsResponse response;
        try {
            if (shard.iterator() == null) {
                try {
                    shard.setIterator(
                            proxy.getShardIterator(
                                    shard.stream(), shard.shardId(), shard.resumePosition()));
                } catch (ResourceNotFoundException e) {
                    if (!String.valueOf(e.getMessage()).contains(shard.shardId())
                            && config.streamPattern() == null) {
                        throw e; // a stream the table names is gone: that must fail the job
                    }
                    finishGoneShard(shard, result, e);
                    return;
                }
            }
            try {
                response = proxy.getRecords(shard.iterator(), config.getRecordsMaxCount());
            } catch (ResourceNotFoundException e) {
                if (config.streamPattern() == null) {
                    throw e;
                }
                finishGoneShard(shard, result, e); // a stream the pattern found was deleted
                return;
            }
        } catch (ExpiredIteratorException e) {
            LOG.info(
                    "Shard iterator of shard {} expired; getting a new one at {}",
                    shard.shardId(),
                    shard.resumePosition());
            shard.iteratorExpired(now);
            return;
        } catch (ProvisionedThroughputExceededException | LimitExceededException e) {
            long delay = shard.throttled(now);
            metrics.callThrottled();
            LOG.debug(
                    "Throttled on shard {} ({} in a row); retrying in {} ms",
                    shard.shardId(),
                    shard.throttledCallsInARow(),
                    delay);
            return;
        } catch (SdkException e) {
            if (isTransient(e)
                    && shard.transientFailuresInARow() < MAX_TRANSIENT_FAILURES_IN_A_ROW - 1) {
                long delay = shard.failedTransiently(now);
                LOG.warn(
                        "Reading shard {} of Kinesis stream '{}' failed ({} in a row), retrying in"
                                + " {} ms: {}",
                        shard.shardId(),
                        shard.stream(),
                        shard.transientFailuresInARow(),
                        delay,
                        e.toString());
                return;
            }
            throw new IOException(
                    "Reading shard '"
                            + shard.shardId()
                            + "' of Kinesis stream '"
                            + shard.stream()
                            + "' at position "
                            + shard.resumePosition()
                            + " failed: "
                            + e.getMessage(),
                    e);
        }
        Long behind = response.millisBehindLatest();
        shard.answered(behind);

        List<Record> records = response.records();
        boolean reachedStop = false;
        for (Record record : records) {
            if (record.approximateArrivalTimestamp() != null
                    && shard.stopCondition()
                            .isBeyond(record.approximateArrivalTimestamp().toEpochMilli())) {
                reachedStop = true;
                break;
            }
            result.add(shard.splitId(), record);
            shard.fetched(record.sequenceNumber());
        }
        shard.setIterator(response.nextShardIterator());
        boolean caughtUp = records.isEmpty() && (behind == null || behind == 0L);
        boolean done =
                reachedStop
                        || shard.iterator() == null
                        || (caughtUp && shard.stopCondition().isDoneWhenCaughtUp(now));
        if (done) {
            LOG.info(
                    "Shard {} of stream '{}' finished ({})",
                    shard.shardId(),
                    shard.stream(),
                    shard.iterator() == null ? "shard closed" : "stop condition reached");
            finish(shard, result);
        } else {
            shard.callAgainAt(now + pauseAfter(records));
        }
    }

    /**
     * Whether a failed call may succeed when made again: a 5xx answer, or no answer at all
     * (connection reset, timeout). The SDK does not retry GetRecords (see {@link
     * StreamProxy#getRecords}), so the reader does, paced.
     */
    private static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException) {
            return ((AwsServiceException) e).statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    /**
     * The pause before the shard's next call: the empty or non-empty fetch interval, and after a
     * large answer at least the time the shard needs to serve its bytes at its read limit ({@link
     * KinesisLimits#READ_BYTES_PER_SECOND_PER_SHARD}), since a call sooner would be throttled:
     * Kinesis blocks a shard's reads for B / 2 MiB/s seconds after an answer of B bytes.
     */
    private long pauseAfter(List<Record> records) {
        if (records.isEmpty()) {
            return config.emptyFetchInterval().toMillis();
        }
        long bytes = 0;
        for (Record record : records) {
            bytes += record.data().asByteArrayUnsafe().length;
        }
        return Math.max(
                config.nonEmptyFetchInterval().toMillis(),
                bytes * 1000 / KinesisLimits.READ_BYTES_PER_SECOND_PER_SHARD);
    }

    /**
     * Finishes the split of a shard that Kinesis no longer knows. A restored split of a closed
     * shard whose records all passed the stream's retention gets ResourceNotFound from
     * GetShardIterator forever; retrying would loop, so the split ends (its records are gone either
     * way) and the enumerator, which no longer sees the shard in ListShards, treats it as finished
     * too.
     */
    private void finishGoneShard(
            ShardPollState shard,
            RecordsBySplits.Builder<Record> result,
            ResourceNotFoundException e) {
        LOG.warn(
                "Shard {} of Kinesis stream '{}' no longer exists (closed and past the stream's"
                        + " retention, or the stream was deleted?); finishing its split without"
                        + " reading from {}: {}",
                shard.shardId(),
                shard.stream(),
                shard.resumePosition(),
                e.getMessage());
        metrics.shardNotFound();
        finish(shard, result);
    }

    /** Ends the polling of a shard; its gauge keeps its last value (see {@link PollingMetrics}). */
    private void finish(ShardPollState shard, RecordsBySplits.Builder<Record> result) {
        result.addFinishedSplit(shard.splitId());
        shards.remove(shard);
        paused.remove(shard.splitId());
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> splitsChanges) {
        if (splitsChanges instanceof SplitsRemoval) {
            Set<String> removed = new HashSet<>();
            for (KinesisShardSplit split : splitsChanges.splits()) {
                removed.add(split.splitId());
            }
            shards.removeIf(shard -> removed.contains(shard.splitId()));
            finishedWithoutReading.removeAll(removed);
            paused.removeAll(removed);
            return;
        }
        if (!(splitsChanges instanceof SplitsAddition)) {
            return;
        }
        for (KinesisShardSplit split : splitsChanges.splits()) {
            if (split.startingPosition().isShardEnd()) {
                finishedWithoutReading.add(split.splitId());
                continue;
            }
            if (!config.readsStream(split.stream())) {
                LOG.info(
                        "Not reading shard {}: the source no longer reads stream '{}' (it reads {})",
                        split.shardId(),
                        split.stream(),
                        config.describeStreams());
                finishedWithoutReading.add(split.splitId());
                continue;
            }
            shards.add(new ShardPollState(split, metrics.millisBehindLatest(split)));
        }
    }

    /**
     * Stops or restarts polling shards for watermark alignment; called in the fetcher thread
     * between two fetches. A shard may be paused before its first call; pausing a shard that
     * already finished, or resuming one that is not paused, does nothing. Each shard keeps its
     * pace: a resumed shard is polled as soon as its next call is due (usually at once).
     */
    @Override
    public void pauseOrResumeSplits(
            Collection<KinesisShardSplit> splitsToPause,
            Collection<KinesisShardSplit> splitsToResume) {
        for (KinesisShardSplit split : splitsToPause) {
            if (isPolled(split.splitId())) {
                paused.add(split.splitId());
            }
        }
        for (KinesisShardSplit split : splitsToResume) {
            paused.remove(split.splitId());
        }
        LOG.debug("Paused shards in this fetcher: {}", paused);
    }

    private boolean isPolled(String splitId) {
        for (ShardPollState shard : shards) {
            if (shard.splitId().equals(splitId)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void wakeUp() {
        sleeper.wakeUp();
    }

    @Override
    public void close() {
        proxy.close();
    }

    /** How many shards this reader is polling (for tests). */
    int activeShards() {
        return shards.size();
    }

    /** Whether polling of a split is paused for watermark alignment (for tests). */
    boolean isPaused(String splitId) {
        return paused.contains(splitId);
    }

    /** The next call time of a split (for tests), or -1 if it is not polled. */
    long nextCallAt(String splitId) {
        for (ShardPollState shard : shards) {
            if (shard.splitId().equals(splitId)) {
                return shard.nextCallAt();
            }
        }
        return -1;
    }
}
