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
 * its fetchers (a second registration of the name would be dropped by Flink); a shard's gauge is
 * registered when its split is added.
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

    void millisBehindLatest(String shardId, Gauge<Long> gauge) {
        group.addGroup("shardId", shardId).gauge(MILLIS_BEHIND_LATEST, gauge);
    }
}
