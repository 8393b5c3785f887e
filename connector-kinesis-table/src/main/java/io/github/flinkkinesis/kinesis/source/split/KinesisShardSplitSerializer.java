package io.github.flinkkinesis.kinesis.source.split;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Versioned binary form of {@link KinesisShardSplit}, used in reader checkpoints and in the
 * enumerator's state. Version 1 layout: shard id, position (type ordinal, optional sequence number,
 * sub-sequence, optional timestamp millis), stop condition (kind ordinal, millis), parent ids.
 * Version 2 appends the optional hash key range (a presence flag, then start and end as decimal
 * strings); version 1 is still read, as a split whose range is unknown. Version 3 (sources that
 * read several streams) starts with the split's stream (as the table names it, name or ARN);
 * versions 1 and 2 were written by sources of one stream and are read as splits of the source's
 * first stream, which this serializer is made with. Sequence numbers are written as strings because
 * they have up to 129 digits.
 */
@Internal
public final class KinesisShardSplitSerializer
        implements SimpleVersionedSerializer<KinesisShardSplit> {

    public static final int VERSION = 3;

    /** The first version, without the hash key range; still read. */
    static final int VERSION_WITHOUT_HASH_KEY_RANGE = 1;

    /** The last version without the stream; still read. */
    static final int VERSION_WITHOUT_STREAM = 2;

    @Nullable private final StreamId singleStream;

    /**
     * @param singleStream the stream of splits written before version 3 (by a source of one
     *     stream): the source's first stream, or null when it has none fixed (a stream pattern)
     */
    public KinesisShardSplitSerializer(@Nullable StreamId singleStream) {
        this.singleStream = singleStream;
    }

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
            return read(version, in, singleStream);
        }
    }

    /** Writes one split in the current version (also used inside the enumerator state). */
    public static void write(KinesisShardSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.stream().toString());
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

    /**
     * Reads one split written by {@link #write} in {@code version}; {@code singleStream} is the
     * stream of a split written before version 3 (see the constructor).
     */
    public static KinesisShardSplit read(
            int version, DataInputStream in, @Nullable StreamId singleStream) throws IOException {
        if (version < VERSION_WITHOUT_HASH_KEY_RANGE || version > VERSION) {
            throw new IOException(
                    "Unknown Kinesis split state version "
                            + version
                            + " (this connector reads versions "
                            + VERSION_WITHOUT_HASH_KEY_RANGE
                            + " to "
                            + VERSION
                            + "): restore with the connector version that wrote the checkpoint.");
        }
        StreamId stream = version > VERSION_WITHOUT_STREAM ? readStream(in) : singleStream;
        String shardId = in.readUTF();
        if (stream == null) {
            throw streamUnknown(shardId);
        }
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
                stream,
                shardId,
                StartingPosition.of(type, sequenceNumber, subSequence, timestamp),
                StopCondition.of(stopKind, stopMillis),
                parents,
                range);
    }

    /**
     * The failure for a shard of state written before version 3 when the source has no single
     * stream to read it as.
     */
    public static IOException streamUnknown(String shardId) {
        return new IOException(
                "The checkpoint holds shard '"
                        + shardId
                        + "' of a table that read one stream (written by an earlier version of"
                        + " this connector); a table with 'stream-pattern' cannot tell which"
                        + " stream it is: restore it into a table whose 'stream.arn' names that"
                        + " stream first.");
    }

    private static StreamId readStream(DataInputStream in) throws IOException {
        String value = in.readUTF();
        try {
            return StreamId.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt Kinesis split state: stream '" + value + "'", e);
        }
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
