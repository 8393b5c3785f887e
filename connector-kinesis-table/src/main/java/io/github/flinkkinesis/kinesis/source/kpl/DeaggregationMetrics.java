package io.github.flinkkinesis.kinesis.source.kpl;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The counters of KPL de-aggregation: {@value KplDeaggregator#MALFORMED_METRIC} (records that start
 * with the magic bytes but are not valid aggregates) and {@value
 * KplDeaggregator#OUT_OF_SHARD_METRIC} (aggregates dropped because a user record hashes outside the
 * shard's range).
 *
 * <p>Lifecycle: made with its {@link KplDeaggregator}, once per source reader, which registers both
 * counters on the reader's kinesis group (a second registration of a name would be dropped by
 * Flink); they count for the reader's life.
 */
@Internal
final class DeaggregationMetrics {

    private final Counter malformed;
    private final Counter outOfShard;

    DeaggregationMetrics(MetricGroup group) {
        this.malformed = group.counter(KplDeaggregator.MALFORMED_METRIC);
        this.outOfShard = group.counter(KplDeaggregator.OUT_OF_SHARD_METRIC);
    }

    void malformed() {
        malformed.inc();
    }

    void outOfShard() {
        outOfShard.inc();
    }
}
