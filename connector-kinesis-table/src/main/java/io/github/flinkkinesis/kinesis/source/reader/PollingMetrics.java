package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.model.ConcurrentCounter;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics the {@link PollingSplitReader}s of one source reader report, under the reader's
 * kinesis group: the reader-wide {@value PollingSplitReader#SHARDS_NOT_FOUND_METRIC} and {@value
 * #CALLS_THROTTLED} counters and, per shard it polls, the {@value #MILLIS_BEHIND_LATEST} gauge in
 * the group {@code shardId.<shard id>} (for a source that may read several streams, in {@code
 * stream.<stream name>.shardId.<shard id>}, because shard ids repeat across streams). Names and
 * meaning are documented in docs/kinesis.md (Metrics).
 *
 * <p>Lifecycle: one per source reader, made by {@link #registeredOn} when the reader is created and
 * shared by the split readers of all its fetcher threads (a second registration of a name would be
 * dropped by Flink), so its counters take increments from several threads. A shard's gauge is
 * registered when its split is added and updated after every GetRecords answer by the shard's
 * {@link ShardPollState}. When the split finishes (or is removed) the poll state is dropped and the
 * gauge is no longer updated; it stays registered with its last value until the job restarts,
 * because Flink (up to 2.3 at least) offers a source reader no public way to unregister a metric or
 * close a metric group: {@code MetricGroup} has no such method, and {@code
 * AbstractMetricGroup#close()} is runtime-internal. So the gauge is a {@link MillisBehindLatest}
 * that holds its value and nothing else: what stays behind per finished shard is that value and the
 * metric group, never the shard's split or poll state.
 */
@Internal
public final class PollingMetrics {

    /** The key of the per-shard group, whose value is the shard id. */
    public static final String SHARD_ID_GROUP = "shardId";

    /** The key of the per-stream group of a source of several streams: the stream's name. */
    public static final String STREAM_GROUP = "stream";

    /** Per shard: milliseconds the last GetRecords answer was behind the tip of the shard. */
    public static final String MILLIS_BEHIND_LATEST = "millisBehindLatest";

    /**
     * Per reader: GetRecords calls that Kinesis throttled (ProvisionedThroughputExceeded,
     * LimitExceeded; the SDK does not retry them) and GetShardIterator calls still throttled after
     * the SDK's own retries, each followed by the shard's backoff.
     */
    public static final String CALLS_THROTTLED = "callsThrottled";

    private final MetricGroup group;
    private final boolean perStream;
    private final Counter shardsNotFound;
    private final Counter callsThrottled;

    private PollingMetrics(MetricGroup group, boolean perStream) {
        this.group = group;
        this.perStream = perStream;
        this.shardsNotFound =
                group.counter(PollingSplitReader.SHARDS_NOT_FOUND_METRIC, new ConcurrentCounter());
        this.callsThrottled = group.counter(CALLS_THROTTLED, new ConcurrentCounter());
    }

    /**
     * Registers the reader-wide counters on {@code group} (the reader's kinesis group); call it
     * once per source reader and give the result to each of its split readers.
     *
     * @param perStream whether per-shard gauges go under a group per stream (a source that may read
     *     several streams)
     */
    public static PollingMetrics registeredOn(MetricGroup group, boolean perStream) {
        return new PollingMetrics(group, perStream);
    }

    /** A split finished because Kinesis no longer knows its shard. */
    void shardNotFound() {
        shardsNotFound.inc();
    }

    /** Kinesis throttled a call on a shard. */
    void callThrottled() {
        callsThrottled.inc();
    }

    /** Registers the {@value #MILLIS_BEHIND_LATEST} gauge of a shard whose split was added. */
    MillisBehindLatest millisBehindLatest(KinesisShardSplit split) {
        MetricGroup parent =
                perStream ? group.addGroup(STREAM_GROUP, split.stream().name()) : group;
        return parent.addGroup(SHARD_ID_GROUP, split.shardId())
                .gauge(MILLIS_BEHIND_LATEST, new MillisBehindLatest());
    }

    /**
     * A shard's last MillisBehindLatest, -1 before the first answer or when Kinesis did not report
     * it. Written by the fetcher thread, read by the metric reporters (hence volatile).
     */
    static final class MillisBehindLatest implements Gauge<Long> {
        private volatile long millis = -1L;

        void update(long millis) {
            this.millis = millis;
        }

        @Override
        public Long getValue() {
            return millis;
        }
    }
}
