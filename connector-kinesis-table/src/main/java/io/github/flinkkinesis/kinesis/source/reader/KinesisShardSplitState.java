package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StartingPosition;
import javax.annotation.Nullable;

/**
 * The mutable position of one assigned shard in the reader's main thread: the sequence number of
 * the last record handed downstream. A checkpoint turns it back into a split that resumes just
 * after that record. Mutable fields instead of a new position object per record, because this is
 * updated for every record.
 */
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

    /** Records that the record with {@code sequenceNumber} was emitted. */
    public void emitted(String sequenceNumber) {
        this.lastEmittedSequenceNumber = sequenceNumber;
        this.lastEmittedSubSequenceNumber = StartingPosition.NO_SUB_SEQUENCE;
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
