package io.github.flinkkinesis.kinesis.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Where a reader resumes in one shard: an initial position (LATEST, TRIM_HORIZON, AT_TIMESTAMP),
 * just after a sequence number that was already emitted, or SHARD_END for a shard that is fully
 * read. Immutable; the reader replaces it after every emitted record.
 *
 * <p>{@link #subSequenceNumber()} is for KPL de-aggregation: the last emitted user record (its
 * index) of an aggregated record, or {@link #NO_SUB_SEQUENCE} when the whole record was emitted. A
 * position (S, k) with k &ge; 0 lies inside record S: reading resumes at S itself (Kinesis'
 * AT_SEQUENCE_NUMBER) and the user records 0..k are skipped.
 */
@PublicEvolving
public final class StartingPosition implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Marks a position after a whole (not de-aggregated) record. */
    public static final long NO_SUB_SEQUENCE = -1L;

    /** The kind of position; the order of the constants is part of the serialized form. */
    public enum Type {
        LATEST,
        TRIM_HORIZON,
        AT_TIMESTAMP,
        AFTER_SEQUENCE_NUMBER,
        SHARD_END
    }

    private final Type type;
    @Nullable private final String sequenceNumber;
    private final long subSequenceNumber;
    @Nullable private final Instant timestamp;

    private StartingPosition(
            Type type,
            @Nullable String sequenceNumber,
            long subSequenceNumber,
            @Nullable Instant timestamp) {
        this.type = Objects.requireNonNull(type);
        this.sequenceNumber = sequenceNumber;
        this.subSequenceNumber = subSequenceNumber;
        this.timestamp = timestamp;
    }

    public static StartingPosition latest() {
        return new StartingPosition(Type.LATEST, null, NO_SUB_SEQUENCE, null);
    }

    public static StartingPosition trimHorizon() {
        return new StartingPosition(Type.TRIM_HORIZON, null, NO_SUB_SEQUENCE, null);
    }

    public static StartingPosition atTimestamp(Instant timestamp) {
        return new StartingPosition(
                Type.AT_TIMESTAMP, null, NO_SUB_SEQUENCE, Objects.requireNonNull(timestamp));
    }

    public static StartingPosition afterSequenceNumber(String sequenceNumber) {
        return afterSequenceNumber(sequenceNumber, NO_SUB_SEQUENCE);
    }

    public static StartingPosition afterSequenceNumber(
            String sequenceNumber, long subSequenceNumber) {
        return new StartingPosition(
                Type.AFTER_SEQUENCE_NUMBER,
                Objects.requireNonNull(sequenceNumber),
                subSequenceNumber,
                null);
    }

    public static StartingPosition shardEnd() {
        return new StartingPosition(Type.SHARD_END, null, NO_SUB_SEQUENCE, null);
    }

    /** Rebuilds a position from its parts (the split state serializer uses it). */
    public static StartingPosition of(
            Type type, @Nullable String sequenceNumber, long subSequence, @Nullable Instant ts) {
        return new StartingPosition(type, sequenceNumber, subSequence, ts);
    }

    public Type type() {
        return type;
    }

    @Nullable
    public String sequenceNumber() {
        return sequenceNumber;
    }

    public long subSequenceNumber() {
        return subSequenceNumber;
    }

    @Nullable
    public Instant timestamp() {
        return timestamp;
    }

    /** Whether this is a position inside an aggregated record, whose reading starts at it. */
    public boolean isInsideAggregatedRecord() {
        return type == Type.AFTER_SEQUENCE_NUMBER && subSequenceNumber != NO_SUB_SEQUENCE;
    }

    public boolean isShardEnd() {
        return type == Type.SHARD_END;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StartingPosition)) {
            return false;
        }
        StartingPosition that = (StartingPosition) o;
        return type == that.type
                && subSequenceNumber == that.subSequenceNumber
                && Objects.equals(sequenceNumber, that.sequenceNumber)
                && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sequenceNumber, subSequenceNumber, timestamp);
    }

    @Override
    public String toString() {
        switch (type) {
            case AT_TIMESTAMP:
                return "AT_TIMESTAMP(" + timestamp + ")";
            case AFTER_SEQUENCE_NUMBER:
                return "AFTER_SEQUENCE_NUMBER("
                        + sequenceNumber
                        + (subSequenceNumber == NO_SUB_SEQUENCE ? "" : "/" + subSequenceNumber)
                        + ")";
            default:
                return type.name();
        }
    }
}
