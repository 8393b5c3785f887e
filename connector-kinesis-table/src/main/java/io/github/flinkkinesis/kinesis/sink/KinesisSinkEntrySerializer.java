package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

/**
 * Versioned serializer of the sink writer's state: the entries still buffered at a checkpoint.
 *
 * <p>Version 1 layout of one entry: data length (int), data bytes, partition key (modified UTF-8),
 * a flag for the explicit hash key and the key itself when present. The base class frames the list
 * of entries. A new layout gets a new version; old versions stay readable.
 */
@Internal
public class KinesisSinkEntrySerializer extends AsyncSinkWriterStateSerializer<KinesisSinkEntry> {

    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public BufferedRequestState<KinesisSinkEntry> deserialize(int version, byte[] serialized)
            throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Cannot restore Kinesis sink state of version "
                            + version
                            + ": this connector reads version "
                            + VERSION
                            + ". Restore with the connector version that wrote the savepoint, or"
                            + " start without state.");
        }
        return super.deserialize(version, serialized);
    }

    @Override
    protected void serializeRequestToStream(KinesisSinkEntry entry, DataOutputStream out)
            throws IOException {
        out.writeInt(entry.data().length);
        out.write(entry.data());
        out.writeUTF(entry.partitionKey());
        String hashKey = entry.explicitHashKey();
        out.writeBoolean(hashKey != null);
        if (hashKey != null) {
            out.writeUTF(hashKey);
        }
    }

    @Override
    protected KinesisSinkEntry deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        int length = in.readInt();
        if (length < 0 || length > requestSize) {
            throw new IOException(
                    "Corrupt Kinesis sink state: record of "
                            + length
                            + " bytes in an entry of "
                            + requestSize
                            + " bytes.");
        }
        byte[] data = new byte[length];
        in.readFully(data);
        String partitionKey = in.readUTF();
        String hashKey = in.readBoolean() ? in.readUTF() : null;
        return new KinesisSinkEntry(data, partitionKey, hashKey);
    }
}
