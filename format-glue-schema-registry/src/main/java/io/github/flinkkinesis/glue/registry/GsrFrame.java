package io.github.flinkkinesis.glue.registry;

import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compression;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.flink.annotation.Internal;

/**
 * The Glue Schema Registry's framing of one record: header version byte {@code 3}, compression byte
 * ({@code 0} none, {@code 5} ZLIB), the 16-byte schema version id (big-endian most then least
 * significant bits), then the payload (ZLIB-deflated when the compression byte says so). Stateless
 * and thread-safe; the same framing serves every data format of the registry.
 */
@Internal
public final class GsrFrame {

    public static final byte HEADER_VERSION = 3;
    public static final byte COMPRESSION_NONE = 0;
    public static final byte COMPRESSION_ZLIB = 5;
    public static final int HEADER_LENGTH = 18;

    private final UUID schemaVersionId;
    private final byte[] payload;
    private final int offset;
    private final int length;

    private GsrFrame(UUID schemaVersionId, byte[] payload, int offset, int length) {
        this.schemaVersionId = schemaVersionId;
        this.payload = payload;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Reads the header of {@code record} and inflates a ZLIB payload.
     *
     * @throws IllegalArgumentException when the record does not carry the registry's header or its
     *     compressed payload does not inflate; the message says which
     */
    public static GsrFrame parse(byte[] record) {
        return parse(record, null);
    }

    /**
     * Same as {@link #parse(byte[])}, inflating ZLIB payloads into {@code inflating}'s buffer
     * (reused: the frame's payload is valid until its next use) instead of new arrays.
     */
    public static GsrFrame parse(byte[] record, Inflating inflating) {
        if (record == null || record.length < HEADER_LENGTH) {
            throw new IllegalArgumentException(
                    "the record ("
                            + (record == null ? "null" : record.length + " bytes")
                            + ") is shorter than the Glue Schema Registry header of "
                            + HEADER_LENGTH
                            + " bytes: it was not written with the registry's serializer");
        }
        if (record[0] != HEADER_VERSION) {
            throw new IllegalArgumentException(
                    "the record does not start with the Glue Schema Registry header (first byte "
                            + record[0]
                            + ", expected "
                            + HEADER_VERSION
                            + "): it was not written with the registry's serializer");
        }
        ByteBuffer ids = ByteBuffer.wrap(record, 2, 16);
        UUID id = new UUID(ids.getLong(), ids.getLong());
        byte compression = record[1];
        if (compression == COMPRESSION_NONE) {
            return new GsrFrame(id, record, HEADER_LENGTH, record.length - HEADER_LENGTH);
        }
        if (compression == COMPRESSION_ZLIB) {
            if (inflating == null) {
                byte[] inflated = inflate(record, id);
                return new GsrFrame(id, inflated, 0, inflated.length);
            }
            int length = inflating.inflate(record, id);
            return new GsrFrame(id, inflating.buffer, 0, length);
        }
        throw new IllegalArgumentException(
                "the record of schema version id "
                        + id
                        + " has an unknown compression byte "
                        + compression
                        + " (expected 0 for none or 5 for ZLIB)");
    }

    /** The framed record: header, then {@code payload} compressed as {@code compression} says. */
    public static byte[] frame(
            UUID schemaVersionId, Compression compression, byte[] payload, int length) {
        byte[] body = payload;
        int bodyLength = length;
        if (compression == Compression.ZLIB) {
            body = deflate(payload, length);
            bodyLength = body.length;
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + bodyLength);
        out.put(HEADER_VERSION);
        out.put(compression == Compression.ZLIB ? COMPRESSION_ZLIB : COMPRESSION_NONE);
        out.putLong(schemaVersionId.getMostSignificantBits());
        out.putLong(schemaVersionId.getLeastSignificantBits());
        out.put(body, 0, bodyLength);
        return out.array();
    }

    public UUID schemaVersionId() {
        return schemaVersionId;
    }

    /** The array holding the (inflated) payload, from {@link #offset()} for {@link #length()}. */
    public byte[] payload() {
        return payload;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    private static byte[] inflate(byte[] record, UUID id) {
        try (Inflating inflating = new Inflating()) {
            int length = inflating.inflate(record, id);
            return Arrays.copyOf(inflating.buffer, length);
        }
    }

    private static byte[] deflate(byte[] payload, int length) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(payload, 0, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * A reusable ZLIB inflater with its output buffer, for one thread: a reader that inflates every
     * record allocates nothing per record. Closing frees the native inflater at once (else it is
     * freed when unreachable).
     */
    public static final class Inflating implements AutoCloseable {
        private final Inflater inflater = new Inflater();
        private byte[] buffer = new byte[1024];

        int inflate(byte[] record, UUID id) {
            inflater.reset();
            inflater.setInput(record, HEADER_LENGTH, record.length - HEADER_LENGTH);
            int length = 0;
            try {
                while (!inflater.finished()) {
                    if (length == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                    int n = inflater.inflate(buffer, length, buffer.length - length);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IllegalArgumentException(
                                "the ZLIB payload of the record of schema version id "
                                        + id
                                        + " is truncated");
                    }
                    length += n;
                }
                return length;
            } catch (DataFormatException e) {
                throw new IllegalArgumentException(
                        "the ZLIB payload of the record of schema version id "
                                + id
                                + " does not inflate: "
                                + e.getMessage(),
                        e);
            }
        }

        @Override
        public void close() {
            inflater.end();
        }
    }
}
