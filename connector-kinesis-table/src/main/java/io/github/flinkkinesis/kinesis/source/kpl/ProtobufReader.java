package io.github.flinkkinesis.kinesis.source.kpl;

import io.github.flinkkinesis.kinesis.model.KplFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.annotation.Internal;

/**
 * Reads protobuf wire format from a range of a byte array: tags, varints, length-delimited fields,
 * and skipping of any field by its wire type. Just enough for the KPL's aggregated record, so that
 * the connector needs no protobuf library. Every read is bounds-checked against the range; bad
 * input throws {@link MalformedException}, never an index error.
 */
@Internal
final class ProtobufReader {

    static final int VARINT = KplFormat.VARINT;
    static final int FIXED64 = KplFormat.FIXED64;
    static final int LENGTH_DELIMITED = KplFormat.LENGTH_DELIMITED;
    static final int START_GROUP = KplFormat.START_GROUP;
    static final int END_GROUP = KplFormat.END_GROUP;
    static final int FIXED32 = KplFormat.FIXED32;

    /** Deepest group nesting skipped before the input is called malformed (no deep recursion). */
    private static final int MAX_GROUP_DEPTH = 64;

    private final byte[] buffer;
    private final int limit;
    private int position;

    /** Reads {@code buffer[from, to)}. */
    ProtobufReader(byte[] buffer, int from, int to) {
        this.buffer = buffer;
        this.position = from;
        this.limit = to;
    }

    boolean hasMore() {
        return position < limit;
    }

    /** The next field's tag: field number {@code << 3 |} wire type. */
    int readTag() throws MalformedException {
        long tag = readVarint();
        // a 64-bit varint above Long.MAX_VALUE reads as negative; its low bits are no tag either
        if (tag < 0 || tag > Integer.MAX_VALUE || tag >>> 3 == 0) {
            throw new MalformedException("invalid field tag " + Long.toUnsignedString(tag));
        }
        return (int) tag;
    }

    /** A base-128 varint of at most 10 bytes, as the 64 bits it encodes. */
    long readVarint() throws MalformedException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new MalformedException("truncated varint");
            }
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedException("varint longer than 10 bytes");
    }

    /** A length-delimited field's content as a reader over it; this reader moves past it. */
    ProtobufReader readMessage() throws MalformedException {
        int length = readLength();
        ProtobufReader message = new ProtobufReader(buffer, position, position + length);
        position += length;
        return message;
    }

    /** A length-delimited field's content as UTF-8 text. */
    String readString() throws MalformedException {
        int length = readLength();
        String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** A length-delimited field's content as a new array. */
    byte[] readBytes() throws MalformedException {
        int length = readLength();
        byte[] value = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return value;
    }

    /** Skips the value of the field whose tag was just read. */
    void skipField(int tag) throws MalformedException {
        skipField(tag, 0);
    }

    private void skipField(int tag, int depth) throws MalformedException {
        switch (tag & 7) {
            case VARINT:
                readVarint();
                break;
            case FIXED64:
                skipBytes(8);
                break;
            case LENGTH_DELIMITED:
                skipBytes(readLength());
                break;
            case START_GROUP:
                skipGroup(tag >>> 3, depth + 1);
                break;
            case FIXED32:
                skipBytes(4);
                break;
            default: // END_GROUP without a start, or the unused wire types 6 and 7
                throw new MalformedException("unexpected wire type " + (tag & 7));
        }
    }

    private void skipGroup(int fieldNumber, int depth) throws MalformedException {
        if (depth > MAX_GROUP_DEPTH) {
            throw new MalformedException("groups nested deeper than " + MAX_GROUP_DEPTH);
        }
        while (true) {
            if (!hasMore()) {
                throw new MalformedException("truncated group");
            }
            int tag = readTag();
            if ((tag & 7) == END_GROUP) {
                if (tag >>> 3 != fieldNumber) {
                    throw new MalformedException("mismatched end of group " + fieldNumber);
                }
                return;
            }
            skipField(tag, depth);
        }
    }

    private int readLength() throws MalformedException {
        long length = readVarint();
        if (length < 0 || length > limit - position) {
            throw new MalformedException(
                    "length " + length + " beyond the " + (limit - position) + " bytes left");
        }
        return (int) length;
    }

    private void skipBytes(int count) throws MalformedException {
        if (count > limit - position) {
            throw new MalformedException(
                    "field of " + count + " bytes beyond the " + (limit - position) + " left");
        }
        position += count;
    }

    /** Input that is not valid protobuf (or not the expected message); no stack trace. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }
}
