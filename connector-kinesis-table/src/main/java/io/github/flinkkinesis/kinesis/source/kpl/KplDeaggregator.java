package io.github.flinkkinesis.kinesis.source.kpl;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Splits a Kinesis record that the Kinesis Producer Library (KPL) wrote with aggregation on into
 * the user records it carries, as the KCL does.
 *
 * <p>{@link KplAggregateParser} reads the wire format. The answer for each record is a {@link
 * Deaggregated}: the record itself when it is not an aggregate, else its user records, each a
 * {@link Record} with the enclosing record's sequence number, arrival time and encryption type, its
 * own partition key and its own data, its index in the list being its sub-sequence number.
 *
 * <p>The KPL aggregates the user records it predicts go to one shard. When the aggregate lands in
 * another shard (its shard map was stale, e.g. during a reshard), the KPL fails all its user
 * records as "Wrong Shard" and puts them again, so the stream holds the misplaced aggregate and
 * fresh copies. Given the shard's hash key range, an aggregate with a user record whose effective
 * hash key (its explicit hash key, else the MD5 digest of its partition key's UTF-8 bytes as an
 * unsigned 128-bit integer) is outside the range is therefore dropped whole, as the KCL and the
 * official connector do: counted in {@value #OUT_OF_SHARD_METRIC}, the first one of each shard
 * logged at WARN with stream, shard, sequence number and hash key (never the payload). Without a
 * range nothing is filtered.
 *
 * <p>A record that starts with the magic bytes but is not a valid aggregate (see {@link
 * KplAggregateParser}) is not de-aggregated: it is passed on as a plain record. Each one is counted
 * in {@value #MALFORMED_METRIC}; the first one of each shard is logged at WARN with stream, shard
 * and sequence number (never the payload).
 *
 * <p>Owns the parser, the two counters and the shards already warned about. Lifecycle: one instance
 * per source reader, built with the reader's record emitter and used only by the reader's task
 * thread (it is not thread-safe); it keeps no state between records apart from the warned shards.
 */
@Internal
public final class KplDeaggregator {

    private static final Logger LOG = LoggerFactory.getLogger(KplDeaggregator.class);

    /** Counts records that start with the magic bytes but are not valid aggregates. */
    public static final String MALFORMED_METRIC = "aggregatedRecordsMalformed";

    /** Counts aggregates dropped because a user record hashes outside the shard's range. */
    public static final String OUT_OF_SHARD_METRIC = "aggregatedRecordsOutOfShard";

    private final String streamName;
    private final Counter malformed;
    private final Counter outOfShard;
    private final KplAggregateParser parser = new KplAggregateParser();
    private final Set<String> shardsWarnedMalformed = new HashSet<>();
    private final Set<String> shardsWarnedOutOfShard = new HashSet<>();

    /**
     * @param metricGroup where {@value #MALFORMED_METRIC} and {@value #OUT_OF_SHARD_METRIC} are
     *     registered (the reader's kinesis group)
     */
    public KplDeaggregator(String streamName, MetricGroup metricGroup) {
        this.streamName = streamName;
        this.malformed = metricGroup.counter(MALFORMED_METRIC);
        this.outOfShard = metricGroup.counter(OUT_OF_SHARD_METRIC);
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
            Record record, String shardId, @Nullable HashKeyRange shardRange) {
        byte[] data = record.data().asByteArrayUnsafe();
        if (!KplAggregateParser.hasAggregationMagic(data)) {
            return Deaggregated.PLAIN_RECORD;
        }
        KplAggregate aggregate;
        try {
            aggregate = parser.parse(data);
        } catch (ProtobufReader.MalformedException e) {
            malformed.inc();
            if (shardsWarnedMalformed.add(shardId)) {
                LOG.warn(
                        "Record of Kinesis stream '{}', shard '{}', sequence number {} starts with"
                                + " the KPL aggregation magic bytes but is not a valid aggregated"
                                + " record ({}); it is passed on as one plain record. Further"
                                + " such records of this shard are only counted in the metric"
                                + " {}.",
                        streamName,
                        shardId,
                        record.sequenceNumber(),
                        e.getMessage(),
                        MALFORMED_METRIC);
            }
            return Deaggregated.PLAIN_RECORD;
        }
        if (shardRange != null) {
            int outside = aggregate.firstUserRecordOutside(shardRange);
            if (outside >= 0) {
                String reason = outOfShardReason(aggregate, outside, shardRange);
                outOfShard.inc();
                if (shardsWarnedOutOfShard.add(shardId)) {
                    LOG.warn(
                            "KPL aggregated record of Kinesis stream '{}', shard '{}', sequence"
                                    + " number {} is dropped with all its user records: {}. The"
                                    + " KPL put it into the wrong shard (its shard map was stale,"
                                    + " e.g. during a reshard) and put its user records again, so"
                                    + " they are read from there, as the KCL does. Further such"
                                    + " records of this shard are only counted in the metric {}.",
                            streamName,
                            shardId,
                            record.sequenceNumber(),
                            reason,
                            OUT_OF_SHARD_METRIC);
                }
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
