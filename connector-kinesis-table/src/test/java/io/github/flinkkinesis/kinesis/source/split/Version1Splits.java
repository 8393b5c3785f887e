package io.github.flinkkinesis.kinesis.source.split;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Writes splits in versions 1 and 2 of {@link KinesisShardSplitSerializer}, as the connector did
 * before splits carried the hash key range (1) and their stream (2), so tests can check that such
 * checkpoints are still read.
 */
public final class Version1Splits {

    private Version1Splits() {}

    /** Version 1 layout; the split's hash key range is not written. */
    public static void write(KinesisShardSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.shardId());
        StartingPosition position = split.startingPosition();
        out.writeByte(position.type().ordinal());
        out.writeBoolean(position.sequenceNumber() != null);
        if (position.sequenceNumber() != null) {
            out.writeUTF(position.sequenceNumber());
        }
        out.writeLong(position.subSequenceNumber());
        out.writeBoolean(position.timestamp() != null);
        if (position.timestamp() != null) {
            out.writeLong(position.timestamp().toEpochMilli());
        }
        out.writeByte(split.stopCondition().kind().ordinal());
        out.writeLong(split.stopCondition().timestampMillis());
        out.writeInt(split.parentShardIds().size());
        for (String parent : split.parentShardIds()) {
            out.writeUTF(parent);
        }
    }

    /** Version 2 layout: version 1 and the hash key range; the split's stream is not written. */
    public static void writeVersion2(KinesisShardSplit split, DataOutputStream out)
            throws IOException {
        write(split, out);
        out.writeBoolean(split.hashKeyRange() != null);
        if (split.hashKeyRange() != null) {
            out.writeUTF(split.hashKeyRange().start().toString());
            out.writeUTF(split.hashKeyRange().end().toString());
        }
    }
}
