package io.github.flinkkinesis.kinesis.source.kpl;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Splits a Kinesis record that the Kinesis Producer Library (KPL) wrote with aggregation on into
 * the user records it carries, as the KCL does, and decides what happens to aggregates that cannot
 * be emitted as they are. The answer for each record is a {@link Deaggregated}: the record itself
 * when it is not an aggregate, else its user records, each a {@link Record} with the enclosing
 * record's sequence number, arrival time and encryption type, its own partition key and its own
 * data, its index in the list being its sub-sequence number.
 *
 * <p>The policy, which is this class's own job:
 *
 * <ul>
 *   <li>A record that starts with the magic bytes but is not a valid aggregate (see {@link
 *       KplAggregateParser}) is not de-aggregated: it is passed on as one plain record, as the KCL
 *       does, counted in {@value #MALFORMED_METRIC} and warned about once per shard.
 *   <li>The KPL aggregates the user records it predicts go to one shard. When the aggregate lands
 *       in another shard (its shard map was stale, e.g. during a reshard), the KPL fails all its
 *       user records as "Wrong Shard" and puts them again, so the stream holds the misplaced
 *       aggregate and fresh copies. Given the shard's hash key range, an aggregate with a user
 *       record whose effective hash key is outside the range is therefore dropped whole, as the KCL
 *       and the official connector do, counted in {@value #OUT_OF_SHARD_METRIC} and warned about
 *       once per shard. Without a range nothing is dropped.
 * </ul>
 *
 * <p>The work around it is delegated: {@link KplAggregateParser} reads the wire format, {@link
 * DeaggregationMetrics} counts, {@link DeaggregationWarnings} logs (never the payload).
 *
 * <p>Lifecycle: one instance per source reader, built with the reader's record emitter and used
 * only by the reader's task thread (it is not thread-safe); apart from the shards already warned
 * about it keeps nothing between records.
 */
@Internal
public final class KplDeaggregator {

    /** Counts records that start with the magic bytes but are not valid aggregates. */
    public static final String MALFORMED_METRIC = "aggregatedRecordsMalformed";

    /** Counts aggregates dropped because a user record hashes outside the shard's range. */
    public static final String OUT_OF_SHARD_METRIC = "aggregatedRecordsOutOfShard";

    private final KplAggregateParser parser = new KplAggregateParser();
    private final DeaggregationMetrics metrics;
    private final DeaggregationWarnings warnings;

    /**
     * @param metricGroup where {@value #MALFORMED_METRIC} and {@value #OUT_OF_SHARD_METRIC} are
     *     registered (the reader's kinesis group)
     */
    public KplDeaggregator(MetricGroup metricGroup) {
        this.metrics = new DeaggregationMetrics(metricGroup);
        this.warnings = new DeaggregationWarnings();
    }

    /**
     * What to emit for {@code record}: the record itself when it is not a KPL aggregate (the only
     * cost for such a record is a look at its first four bytes) or not a valid one (counted and,
     * once per shard, logged); nothing when a user record's hash key is outside {@code shardRange}
     * (counted and, once per shard, logged); else its user records.
     *
     * @param shardRange the hash key range of the shard the record was read from, or null when
     *     unknown (nothing is dropped)
     */
    public Deaggregated deaggregate(
            Record record, String streamName, String shardId, @Nullable HashKeyRange shardRange) {
        byte[] data = record.data().asByteArrayUnsafe();
        if (!KplAggregateParser.hasAggregationMagic(data)) {
            return Deaggregated.PLAIN_RECORD;
        }
        KplAggregate aggregate;
        try {
            aggregate = parser.parse(data);
        } catch (ProtobufReader.MalformedException e) {
            metrics.malformed();
            warnings.malformed(streamName, shardId, record.sequenceNumber(), e.getMessage());
            return Deaggregated.PLAIN_RECORD;
        }
        if (shardRange != null) {
            int outside = aggregate.firstUserRecordOutside(shardRange);
            if (outside >= 0) {
                String reason = outOfShardReason(aggregate, outside, shardRange);
                metrics.outOfShard();
                warnings.outOfShard(streamName, shardId, record.sequenceNumber(), reason);
                return new Deaggregated.Dropped(reason);
            }
        }
        return new Deaggregated.UserRecords(aggregate.toRecords(record));
    }

    private static String outOfShardReason(
            KplAggregate aggregate, int userRecord, HashKeyRange shardRange) {
        return "user record "
                + userRecord
                + " has "
                + (aggregate.hasExplicitHashKey(userRecord)
                        ? "the explicit"
                        : "the partition key's")
                + " hash key "
                + aggregate.hashKey(userRecord)
                + ", outside the shard's hash key range "
                + shardRange;
    }
}
