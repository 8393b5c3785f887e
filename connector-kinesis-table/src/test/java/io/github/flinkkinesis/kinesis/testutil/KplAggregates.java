package io.github.flinkkinesis.kinesis.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written encoder of records as the Kinesis Producer Library writes them with aggregation
 * on: magic bytes, a protobuf {@code AggregatedRecord}, the MD5 digest of the protobuf. {@link
 * Aggregate} builds the usual shape; {@link ProtoWriter} writes any protobuf, for shapes the KPL
 * would not write (unknown fields, groups, fields out of order, broken indexes).
 */
public final class KplAggregates {

    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    private KplAggregates() {}

    /** Magic bytes, {@code protobuf}, then its MD5 digest. */
    public static byte[] frame(byte[] protobuf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(protobuf);
        out.writeBytes(md5(protobuf));
        return out.toByteArray();
    }

    public static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An aggregated record: user records with their partition keys (each key once in the table, as
     * the KPL does) and optional explicit hash keys.
     */
    public static final class Aggregate {
        private final List<String> partitionKeys = new ArrayList<>();
        private final List<String> hashKeys = new ArrayList<>();
        private final List<ProtoWriter> records = new ArrayList<>();
        private boolean extras;

        public Aggregate add(String partitionKey, String data) {
            return add(partitionKey, null, utf8(data));
        }

        public Aggregate add(String partitionKey, String explicitHashKey, byte[] data) {
            ProtoWriter record = new ProtoWriter().varint(1, indexOf(partitionKeys, partitionKey));
            if (explicitHashKey != null) {
                record.varint(2, indexOf(hashKeys, explicitHashKey));
            }
            record.bytes(3, data);
            records.add(record);
            return this;
        }

        /**
         * Adds what a reader must skip: tags on every user record and unknown fields of every wire
         * type in the aggregate and in the user records.
         */
        public Aggregate withTagsAndUnknownFields() {
            this.extras = true;
            return this;
        }

        public byte[] protobuf() {
            ProtoWriter aggregate = new ProtoWriter();
            if (extras) {
                aggregate.varint(15, 300).fixed64(16, 7L).fixed32(17, 9);
            }
            partitionKeys.forEach(k -> aggregate.string(1, k));
            hashKeys.forEach(k -> aggregate.string(2, k));
            if (extras) {
                aggregate.group(18, new ProtoWriter().string(1, "in a group").varint(2, 1));
            }
            for (ProtoWriter record : records) {
                ProtoWriter r = record;
                if (extras) {
                    r = new ProtoWriter().raw(record.toByteArray());
                    r.message(4, new ProtoWriter().string(1, "tag").string(2, "value"));
                    r.message(4, new ProtoWriter().string(1, "key-only"));
                    r.varint(9, Long.MAX_VALUE).bytes(10, utf8("unknown")).fixed32(11, 1);
                }
                aggregate.message(3, r);
            }
            if (extras) {
                aggregate.bytes(19, utf8("trailing unknown field"));
            }
            return aggregate.toByteArray();
        }

        /** The record's data: framed protobuf. */
        public byte[] toBytes() {
            return frame(protobuf());
        }

        private static int indexOf(List<String> table, String key) {
            int index = table.indexOf(key);
            if (index < 0) {
                table.add(key);
                index = table.size() - 1;
            }
            return index;
        }
    }

    /** Writes protobuf wire format field by field. */
    public static final class ProtoWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public ProtoWriter varint(int field, long value) {
            tag(field, 0);
            writeVarint(value);
            return this;
        }

        public ProtoWriter fixed64(int field, long value) {
            tag(field, 1);
            for (int i = 0; i < 8; i++) {
                out.write((int) (value >>> (8 * i)));
            }
            return this;
        }

        public ProtoWriter fixed32(int field, int value) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write(value >>> (8 * i));
            }
            return this;
        }

        public ProtoWriter bytes(int field, byte[] value) {
            tag(field, 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        public ProtoWriter string(int field, String value) {
            return bytes(field, utf8(value));
        }

        public ProtoWriter message(int field, ProtoWriter message) {
            return bytes(field, message.toByteArray());
        }

        /** A (deprecated) group: start tag, the content's fields, end tag. */
        public ProtoWriter group(int field, ProtoWriter content) {
            tag(field, 3);
            out.writeBytes(content.toByteArray());
            tag(field, 4);
            return this;
        }

        /** Bytes as they are, e.g. a truncated field. */
        public ProtoWriter raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            writeVarint((long) field << 3 | wireType);
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
