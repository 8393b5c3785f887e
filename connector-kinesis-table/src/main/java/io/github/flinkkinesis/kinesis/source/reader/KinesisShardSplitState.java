package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The mutable position of one assigned shard in the reader's main thread: the sequence number of
 * the last record handed downstream, and for a KPL aggregate that is handed downstream one user
 * record at a time, the sub-sequence number of the last user record. A checkpoint turns it back
 * into a split that resumes just after that record (or user record). Mutable fields instead of a
 * new position object per record, because this is updated for every record.
 */
@Internal
public final class KinesisShardSplitState {

    private final KinesisShardSplit split;
    @Nullable private String lastEmittedSequenceNumber;
    private long lastEmittedSubSequenceNumber = StartingPosition.NO_SUB_SEQUENCE;

    public KinesisShardSplitState(KinesisShardSplit split) {
        this.split = split;
    }

    public String shardId() {
        return split.shardId();
    }

    /** The name of the shard's stream (what the {@code stream} metadata column holds). */
    public String streamName() {
        return split.stream().name();
    }

    /** The hash keys the shard owns, or null when unknown. */
    @Nullable
    public HashKeyRange hashKeyRange() {
        return split.hashKeyRange();
    }

    /** Records that the record with {@code sequenceNumber} was emitted (all of it). */
    public void emitted(String sequenceNumber) {
        this.lastEmittedSequenceNumber = sequenceNumber;
        this.lastEmittedSubSequenceNumber = StartingPosition.NO_SUB_SEQUENCE;
    }

    /**
     * Records that user record {@code subSequenceNumber} of the aggregated record {@code
     * sequenceNumber} was emitted and that more of its user records follow.
     */
    public void emittedSubRecord(String sequenceNumber, long subSequenceNumber) {
        this.lastEmittedSequenceNumber = sequenceNumber;
        this.lastEmittedSubSequenceNumber = subSequenceNumber;
    }

    /**
     * The last user record of the aggregated record {@code sequenceNumber} that was emitted before
     * this split was restored, or {@link StartingPosition#NO_SUB_SEQUENCE}. Only the first record
     * read after resuming inside an aggregate (position (S, k), which the reader reads from S on)
     * gets k; once anything was emitted, every record is emitted whole.
     */
    public long lastSubRecordEmittedBeforeResume(String sequenceNumber) {
        StartingPosition from = split.startingPosition();
        if (lastEmittedSequenceNumber == null
                && from.type() == StartingPosition.Type.AFTER_SEQUENCE_NUMBER
                && sequenceNumber.equals(from.sequenceNumber())) {
            return from.subSequenceNumber();
        }
        return StartingPosition.NO_SUB_SEQUENCE;
    }

    /** The split to checkpoint: the original one, resuming after the last emitted record. */
    public KinesisShardSplit toSplit() {
        if (lastEmittedSequenceNumber == null) {
            return split;
        }
        return split.withStartingPosition(
                StartingPosition.afterSequenceNumber(
                        lastEmittedSequenceNumber, lastEmittedSubSequenceNumber));
    }
}
