package io.github.flinkkinesis.kinesis.source.kpl;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN lines of KPL de-aggregation, each kind once per shard: the first malformed aggregate and
 * the first aggregate dropped as out of shard of every shard are logged with stream, shard and
 * sequence number (never the payload); later ones of that shard are only counted. The lines go to
 * the logger named after {@link KplDeaggregator}, where log configurations look for them.
 *
 * <p>Owns the shards already warned about, per kind. Lifecycle: one per {@link KplDeaggregator},
 * used only by the reader's task thread; a shard id stays in its set for the reader's life.
 */
@Internal
final class DeaggregationWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(KplDeaggregator.class);

    // both: stream, shard, sequence number, what is wrong, metric
    private static final String MALFORMED =
            "Record of Kinesis stream '{}', shard '{}', sequence number {} starts with the KPL"
                    + " aggregation magic bytes but is not a valid aggregated record ({}); it is"
                    + " passed on as one plain record. Further such records of this shard are only"
                    + " counted in the metric {}.";
    private static final String OUT_OF_SHARD =
            "KPL aggregated record of Kinesis stream '{}', shard '{}', sequence number {} is"
                    + " dropped with all its user records: {}. The KPL put it into the wrong shard"
                    + " (its shard map was stale, e.g. during a reshard) and put its user records"
                    + " again, so they are read from there, as the KCL does. Further such records"
                    + " of this shard are only counted in the metric {}.";

    /** Shards warned about, as {@code <stream>/<shard id>}. */
    private final Set<String> shardsWarnedMalformed = new HashSet<>();

    private final Set<String> shardsWarnedOutOfShard = new HashSet<>();

    /** A record with the magic bytes that is no valid aggregate, for {@code problem}. */
    void malformed(String streamName, String shardId, String sequenceNumber, String problem) {
        warnOnce(
                shardsWarnedMalformed,
                MALFORMED,
                streamName,
                shardId,
                sequenceNumber,
                problem,
                KplDeaggregator.MALFORMED_METRIC);
    }

    /** An aggregate dropped whole for {@code reason} (which user record hashes where). */
    void outOfShard(String streamName, String shardId, String sequenceNumber, String reason) {
        warnOnce(
                shardsWarnedOutOfShard,
                OUT_OF_SHARD,
                streamName,
                shardId,
                sequenceNumber,
                reason,
                KplDeaggregator.OUT_OF_SHARD_METRIC);
    }

    private void warnOnce(
            Set<String> warnedShards,
            String template,
            String streamName,
            String shardId,
            String sequenceNumber,
            String what,
            String metric) {
        if (warnedShards.add(streamName + "/" + shardId)) {
            LOG.warn(template, streamName, shardId, sequenceNumber, what, metric);
        }
    }
}
