package io.github.flinkkinesis.kinesis.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics a {@link PollingSplitReader} reports, under the reader's kinesis group: the
 * reader-wide {@value PollingSplitReader#SHARDS_NOT_FOUND_METRIC} counter and, per shard it polls,
 * the {@value #MILLIS_BEHIND_LATEST} gauge in the group {@code shardId.<shard id>}.
 *
 * <p>Lifecycle: the counter is registered once per source reader and shared by the readers of all
 * its fetchers (a second registration of the name would be dropped by Flink). A shard's gauge is
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
final class PollingMetrics {

    static final String MILLIS_BEHIND_LATEST = "millisBehindLatest";

    private final MetricGroup group;
    private final Counter shardsNotFound;

    /**
     * @param group the reader's kinesis group
     * @param shardsNotFound the reader's {@value PollingSplitReader#SHARDS_NOT_FOUND_METRIC}
     *     counter, registered on {@code group} once for all fetchers
     */
    PollingMetrics(MetricGroup group, Counter shardsNotFound) {
        this.group = group;
        this.shardsNotFound = shardsNotFound;
    }

    /**
     * Registers the {@value PollingSplitReader#SHARDS_NOT_FOUND_METRIC} counter on {@code group}.
     */
    static PollingMetrics registeredOn(MetricGroup group) {
        return new PollingMetrics(group, group.counter(PollingSplitReader.SHARDS_NOT_FOUND_METRIC));
    }

    /** A split finished because Kinesis no longer knows its shard. */
    void shardNotFound() {
        shardsNotFound.inc();
    }

    /** Registers the {@value #MILLIS_BEHIND_LATEST} gauge of a shard whose split was added. */
    MillisBehindLatest millisBehindLatest(String shardId) {
        return group.addGroup("shardId", shardId)
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
