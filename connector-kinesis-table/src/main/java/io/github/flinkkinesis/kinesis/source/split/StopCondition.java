package io.github.flinkkinesis.kinesis.source.split;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * Where a bounded read of one shard ends. Fixed by the enumerator when the job starts and carried
 * in the split, so every reader (and every restore) applies the same end.
 *
 * <ul>
 *   <li>{@link Kind#NONE}: never (a streaming read); the split ends only when the shard closes.
 *   <li>{@link Kind#LATEST}: the shard as it was at job start, {@link #timestampMillis()}: the
 *       split ends at the first record that arrived after that instant, or once the reader has
 *       caught up with the shard's tip (an empty GetRecords answer with MillisBehindLatest 0).
 *   <li>{@link Kind#AT_TIMESTAMP}: the split ends at the first record that arrived at or after
 *       {@link #timestampMillis()} (exclusive), or once caught up after that instant has passed.
 * </ul>
 *
 * In both bounded kinds the split also ends when the shard closes.
 */
@Internal
public final class StopCondition implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final StopCondition NONE = new StopCondition(Kind.NONE, 0L);

    /** The kind of end; the order of the constants is part of the serialized form. */
    public enum Kind {
        NONE,
        LATEST,
        AT_TIMESTAMP
    }

    private final Kind kind;
    private final long timestampMillis;

    private StopCondition(Kind kind, long timestampMillis) {
        this.kind = Objects.requireNonNull(kind);
        this.timestampMillis = timestampMillis;
    }

    public static StopCondition none() {
        return NONE;
    }

    /** The shard's content as of {@code jobStartMillis}. */
    public static StopCondition latestAt(long jobStartMillis) {
        return new StopCondition(Kind.LATEST, jobStartMillis);
    }

    /** Records that arrived strictly before {@code stopMillis}. */
    public static StopCondition atTimestamp(long stopMillis) {
        return new StopCondition(Kind.AT_TIMESTAMP, stopMillis);
    }

    static StopCondition of(Kind kind, long timestampMillis) {
        return kind == Kind.NONE ? NONE : new StopCondition(kind, timestampMillis);
    }

    public Kind kind() {
        return kind;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public boolean isBounded() {
        return kind != Kind.NONE;
    }

    /** Whether a record that arrived at {@code arrivalMillis} lies beyond the end. */
    public boolean isBeyond(long arrivalMillis) {
        switch (kind) {
            case LATEST:
                return arrivalMillis > timestampMillis;
            case AT_TIMESTAMP:
                return arrivalMillis >= timestampMillis;
            default:
                return false;
        }
    }

    /**
     * Whether a reader that has caught up with the shard's tip at {@code nowMillis} is done: for
     * LATEST always (nothing older is left), for AT_TIMESTAMP once the stop instant has passed.
     */
    public boolean isDoneWhenCaughtUp(long nowMillis) {
        switch (kind) {
            case LATEST:
                return true;
            case AT_TIMESTAMP:
                return nowMillis >= timestampMillis;
            default:
                return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StopCondition
                && kind == ((StopCondition) o).kind
                && timestampMillis == ((StopCondition) o).timestampMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, timestampMillis);
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "NONE" : kind + "(" + timestampMillis + ")";
    }
}
