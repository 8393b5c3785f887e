package io.github.flinkkinesis.kinesis.model;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One record on its way to Kinesis: the serialized value, its partition key and an optional
 * explicit hash key. It is the sink's request entry: buffered by the writer, put into checkpoints
 * by {@link KinesisSinkEntrySerializer} and handed to the PutRecords proxy.
 *
 * <p>It deliberately holds no AWS SDK type, so the buffer and the checkpointed state do not depend
 * on the SDK. The data array is owned by the entry and never copied: whoever builds an entry must
 * not modify the array afterwards.
 *
 * <p>The size Kinesis counts against its limits (data plus the UTF-8 partition key) is computed
 * once, here, because the writer asks for it several times per record.
 */
@PublicEvolving
public final class KinesisSinkEntry implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] data;
    private final String partitionKey;
    @Nullable private final String explicitHashKey;
    private final long sizeInBytes;

    public KinesisSinkEntry(byte[] data, String partitionKey, @Nullable String explicitHashKey) {
        this.data = Objects.requireNonNull(data, "data");
        this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
        this.explicitHashKey = explicitHashKey;
        this.sizeInBytes = data.length + (long) utf8Length(partitionKey);
    }

    /** The serialized value; not copied, do not modify. */
    public byte[] data() {
        return data;
    }

    public String partitionKey() {
        return partitionKey;
    }

    @Nullable
    public String explicitHashKey() {
        return explicitHashKey;
    }

    /** Data bytes plus partition key bytes: what Kinesis counts against record and call limits. */
    public long sizeInBytes() {
        return sizeInBytes;
    }

    /** UTF-8 length without encoding (partition keys are usually ASCII: one pass, no garbage). */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KinesisSinkEntry)) {
            return false;
        }
        KinesisSinkEntry that = (KinesisSinkEntry) o;
        return java.util.Arrays.equals(data, that.data)
                && partitionKey.equals(that.partitionKey)
                && Objects.equals(explicitHashKey, that.explicitHashKey);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(data) + partitionKey.hashCode();
    }

    @Override
    public String toString() {
        return "KinesisSinkEntry{partitionKey='"
                + partitionKey
                + "', explicitHashKey="
                + explicitHashKey
                + ", bytes="
                + data.length
                + "}";
    }
}
