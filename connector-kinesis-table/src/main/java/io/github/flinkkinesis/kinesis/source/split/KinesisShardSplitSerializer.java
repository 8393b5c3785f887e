package io.github.flinkkinesis.kinesis.source.split;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Versioned binary form of {@link KinesisShardSplit}, used in reader checkpoints and in the
 * enumerator's state. Version 1 layout: shard id, position (type ordinal, optional sequence number,
 * sub-sequence, optional timestamp millis), stop condition (kind ordinal, millis), parent ids.
 * Version 2 appends the optional hash key range (a presence flag, then start and end as decimal
 * strings); version 1 is still read, as a split whose range is unknown. Sequence numbers are
 * written as strings because they have up to 129 digits.
 */
@Internal
public final class KinesisShardSplitSerializer
        implements SimpleVersionedSerializer<KinesisShardSplit> {

    public static final int VERSION = 2;

    /** The first version, without the hash key range; still read. */
    static final int VERSION_WITHOUT_HASH_KEY_RANGE = 1;

    public static final KinesisShardSplitSerializer INSTANCE = new KinesisShardSplitSerializer();

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KinesisShardSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public KinesisShardSplit deserialize(int version, byte[] serialized) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(version, in);
        }
    }

    /** Writes one split in the current version (also used inside the enumerator state). */
    public static void write(KinesisShardSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.shardId());
        StartingPosition position = split.startingPosition();
        out.writeByte(position.type().ordinal());
        writeNullableString(position.sequenceNumber(), out);
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
        HashKeyRange range = split.hashKeyRange();
        out.writeBoolean(range != null);
        if (range != null) {
            out.writeUTF(range.start().toString());
            out.writeUTF(range.end().toString());
        }
    }

    /** Reads one split written by {@link #write} in {@code version}. */
    public static KinesisShardSplit read(int version, DataInputStream in) throws IOException {
        if (version != VERSION && version != VERSION_WITHOUT_HASH_KEY_RANGE) {
            throw new IOException(
                    "Unknown Kinesis split state version "
                            + version
                            + " (this connector reads versions "
                            + VERSION_WITHOUT_HASH_KEY_RANGE
                            + " to "
                            + VERSION
                            + "): restore with the connector version that wrote the checkpoint.");
        }
        String shardId = in.readUTF();
        StartingPosition.Type type = enumAt(StartingPosition.Type.values(), in.readByte());
        String sequenceNumber = readNullableString(in);
        long subSequence = in.readLong();
        Instant timestamp = in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
        StopCondition.Kind stopKind = enumAt(StopCondition.Kind.values(), in.readByte());
        long stopMillis = in.readLong();
        int parentCount = in.readInt();
        List<String> parents = new ArrayList<>(parentCount);
        for (int i = 0; i < parentCount; i++) {
            parents.add(in.readUTF());
        }
        HashKeyRange range = null;
        if (version > VERSION_WITHOUT_HASH_KEY_RANGE && in.readBoolean()) {
            String start = in.readUTF();
            String end = in.readUTF();
            try {
                range = HashKeyRange.of(start, end);
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        "Corrupt Kinesis split state: hash key range " + start + " to " + end, e);
            }
        }
        return new KinesisShardSplit(
                shardId,
                StartingPosition.of(type, sequenceNumber, subSequence, timestamp),
                StopCondition.of(stopKind, stopMillis),
                parents,
                range);
    }

    private static <E extends Enum<E>> E enumAt(E[] values, int ordinal) throws IOException {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IOException("Corrupt Kinesis split state: unknown ordinal " + ordinal);
        }
        return values[ordinal];
    }

    private static void writeNullableString(String value, DataOutputStream out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
