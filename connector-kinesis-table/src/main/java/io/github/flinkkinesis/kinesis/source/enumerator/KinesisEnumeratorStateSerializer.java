package io.github.flinkkinesis.kinesis.source.enumerator;

import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Versioned binary form of {@link KinesisEnumeratorState}. Version 1 layout: the split serializer
 * version used for the embedded splits, the unassigned splits, the assigned ids, the finished ids,
 * the initial-discovery flag. Because the split version is written with the splits, this layout did
 * not change when the split serializer moved to version 2 (the hash key range): state written with
 * version 1 splits is still read, its splits with an unknown range. Version 2 appends the owners
 * (count, then shard id and subtask each); version 1 state is read with no owners known. Version 3
 * has the same layout with split ids ({@code <stream>/<shard id>}) where versions 1 and 2 had shard
 * ids: those were written by sources of one stream and are read as ids of the source's first
 * stream, which this serializer is made with.
 */
@Internal
public final class KinesisEnumeratorStateSerializer
        implements SimpleVersionedSerializer<KinesisEnumeratorState> {

    public static final int VERSION = 3;

    @Nullable private final StreamId singleStream;

    /**
     * @param singleStream the stream of state written before version 3 (by a source of one stream):
     *     the source's first stream, or null when it has none fixed (a stream pattern)
     */
    public KinesisEnumeratorStateSerializer(@Nullable StreamId singleStream) {
        this.singleStream = singleStream;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KinesisEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(KinesisShardSplitSerializer.VERSION);
            out.writeInt(state.unassigned().size());
            for (KinesisShardSplit split : state.unassigned()) {
                KinesisShardSplitSerializer.write(split, out);
            }
            writeIds(state.assigned(), out);
            writeIds(state.finished(), out);
            out.writeBoolean(state.initialDiscoveryDone());
            out.writeInt(state.owners().size());
            for (Map.Entry<String, Integer> owner : state.owners().entrySet()) {
                out.writeUTF(owner.getKey());
                out.writeInt(owner.getValue());
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public KinesisEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version < 1 || version > VERSION) {
            throw new IOException(
                    "Unknown Kinesis enumerator state version "
                            + version
                            + " (this connector reads versions 1 to "
                            + VERSION
                            + "): restore with the connector version that wrote the checkpoint.");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int splitVersion = in.readInt();
            int count = in.readInt();
            List<KinesisShardSplit> unassigned = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                unassigned.add(KinesisShardSplitSerializer.read(splitVersion, in, singleStream));
            }
            Set<String> assigned = readIds(version, in);
            Set<String> finished = readIds(version, in);
            boolean initialDiscoveryDone = in.readBoolean();
            Map<String, Integer> owners = new LinkedHashMap<>();
            if (version >= 2) {
                int owned = in.readInt();
                for (int i = 0; i < owned; i++) {
                    owners.put(splitId(version, in.readUTF()), in.readInt());
                }
            }
            return new KinesisEnumeratorState(
                    unassigned, assigned, finished, initialDiscoveryDone, owners);
        }
    }

    private static void writeIds(Set<String> ids, DataOutputStream out) throws IOException {
        out.writeInt(ids.size());
        for (String id : ids) {
            out.writeUTF(id);
        }
    }

    private Set<String> readIds(int version, DataInputStream in) throws IOException {
        int count = in.readInt();
        Set<String> ids = new LinkedHashSet<>(count * 2);
        for (int i = 0; i < count; i++) {
            ids.add(splitId(version, in.readUTF()));
        }
        return ids;
    }

    /** The split id of an id read from state of {@code version} (a shard id before version 3). */
    private String splitId(int version, String id) throws IOException {
        if (version >= 3) {
            return id;
        }
        if (singleStream == null) {
            throw KinesisShardSplitSerializer.streamUnknown(id);
        }
        return KinesisShardSplit.splitIdOf(singleStream, id);
    }
}
