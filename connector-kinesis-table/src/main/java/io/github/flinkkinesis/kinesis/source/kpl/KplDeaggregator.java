package io.github.flinkkinesis.kinesis.source.kpl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Splits a Kinesis record that the Kinesis Producer Library (KPL) wrote with aggregation on into
 * the user records it carries, as the KCL does.
 *
 * <p>Such a record's data is the 4 magic bytes {@code F3 89 9A C2}, a protobuf {@code
 * AggregatedRecord} (a partition key table, an explicit hash key table, the user records: each a
 * partition key index, an optional explicit hash key index, the data and tags), then the MD5 digest
 * of the protobuf bytes. Every user record becomes a {@link Record} with the enclosing record's
 * sequence number, arrival time and encryption type, its own partition key and its own data; its
 * index in the list is its sub-sequence number. Tags and unknown fields are skipped.
 *
 * <p>A record that starts with the magic bytes but is not a valid aggregate (too short, wrong
 * digest, protobuf that cannot be parsed, an index outside its table, a user record without data,
 * no user record at all) is not de-aggregated: the caller passes it on as a plain record. Each one
 * is counted in {@value #MALFORMED_METRIC}; the first one of each shard is logged at WARN with
 * stream, shard and sequence number (never the payload).
 *
 * <p>Owns the MD5 digest, that counter and the set of shards already warned about. Lifecycle: one
 * instance per source reader, built with the reader's record emitter and used only by the reader's
 * task thread (it is not thread-safe); it keeps no state between records apart from the warned
 * shards.
 */
public final class KplDeaggregator {

    private static final Logger LOG = LoggerFactory.getLogger(KplDeaggregator.class);

    /** Counts records that start with the magic bytes but are not valid aggregates. */
    public static final String MALFORMED_METRIC = "aggregatedRecordsMalformed";

    private static final byte MAGIC_0 = (byte) 0xF3;
    private static final byte MAGIC_1 = (byte) 0x89;
    private static final byte MAGIC_2 = (byte) 0x9A;
    private static final byte MAGIC_3 = (byte) 0xC2;
    private static final int MAGIC_LENGTH = 4;
    private static final int DIGEST_LENGTH = 16;

    // AggregatedRecord fields (number << 3 | wire type 2)
    private static final int PARTITION_KEY_TABLE = 1 << 3 | ProtobufReader.LENGTH_DELIMITED;
    private static final int EXPLICIT_HASH_KEY_TABLE = 2 << 3 | ProtobufReader.LENGTH_DELIMITED;
    private static final int RECORDS = 3 << 3 | ProtobufReader.LENGTH_DELIMITED;
    // Record fields
    private static final int PARTITION_KEY_INDEX = 1 << 3 | ProtobufReader.VARINT;
    private static final int EXPLICIT_HASH_KEY_INDEX = 2 << 3 | ProtobufReader.VARINT;
    private static final int DATA = 3 << 3 | ProtobufReader.LENGTH_DELIMITED;

    private final String streamName;
    private final Counter malformed;
    private final MessageDigest md5;
    private final Set<String> warnedShards = new HashSet<>();

    /**
     * @param metricGroup where {@value #MALFORMED_METRIC} is registered (the reader's kinesis
     *     group)
     */
    public KplDeaggregator(String streamName, MetricGroup metricGroup) {
        this.streamName = streamName;
        this.malformed = metricGroup.counter(MALFORMED_METRIC);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM offers no MD5 digest", e);
        }
    }

    /**
     * Whether {@code data} starts with the KPL aggregation magic bytes: the only check a plain
     * record pays. Only such records go to {@link #deaggregate}.
     */
    public static boolean hasAggregationMagic(byte[] data) {
        return data.length >= MAGIC_LENGTH
                && data[0] == MAGIC_0
                && data[1] == MAGIC_1
                && data[2] == MAGIC_2
                && data[3] == MAGIC_3;
    }

    /**
     * The user records of an aggregated record in their order (index = sub-sequence number), or
     * null when {@code record} is not a valid aggregate and is to be treated as a plain record
     * (counted and, once per shard, logged).
     */
    @Nullable
    public List<Record> deaggregate(Record record, String shardId) {
        byte[] data = record.data().asByteArrayUnsafe();
        try {
            return parse(record, data);
        } catch (ProtobufReader.MalformedException e) {
            malformed.inc();
            if (warnedShards.add(shardId)) {
                LOG.warn(
                        "Record of Kinesis stream '{}', shard '{}', sequence number {} starts with"
                                + " the KPL aggregation magic bytes but is not a valid aggregated"
                                + " record ({}); it is passed on as one plain record. Further"
                                + " such records of this shard are only counted in the metric"
                                + " {}.",
                        streamName,
                        shardId,
                        record.sequenceNumber(),
                        e.getMessage(),
                        MALFORMED_METRIC);
            }
            return null;
        }
    }

    private List<Record> parse(Record record, byte[] data)
            throws ProtobufReader.MalformedException {
        if (data.length < MAGIC_LENGTH + DIGEST_LENGTH) {
            throw new ProtobufReader.MalformedException(
                    data.length + " bytes, shorter than magic bytes and digest");
        }
        int protobufEnd = data.length - DIGEST_LENGTH;
        md5.update(data, MAGIC_LENGTH, protobufEnd - MAGIC_LENGTH);
        byte[] digest = md5.digest();
        if (!Arrays.equals(digest, 0, DIGEST_LENGTH, data, protobufEnd, data.length)) {
            throw new ProtobufReader.MalformedException("MD5 digest does not match");
        }

        List<String> partitionKeys = new ArrayList<>();
        int explicitHashKeys = 0;
        List<UserRecord> userRecords = new ArrayList<>();
        ProtobufReader aggregate = new ProtobufReader(data, MAGIC_LENGTH, protobufEnd);
        while (aggregate.hasMore()) {
            int tag = aggregate.readTag();
            switch (tag) {
                case PARTITION_KEY_TABLE:
                    partitionKeys.add(aggregate.readString());
                    break;
                case EXPLICIT_HASH_KEY_TABLE:
                    aggregate.skipField(tag); // sub-records' hash keys are not exposed
                    explicitHashKeys++;
                    break;
                case RECORDS:
                    userRecords.add(UserRecord.read(aggregate.readMessage(), userRecords.size()));
                    break;
                default:
                    aggregate.skipField(tag);
            }
        }
        if (userRecords.isEmpty()) {
            throw new ProtobufReader.MalformedException("no user records");
        }

        List<Record> result = new ArrayList<>(userRecords.size());
        for (int i = 0; i < userRecords.size(); i++) {
            UserRecord user = userRecords.get(i);
            checkIndex(user.partitionKeyIndex, partitionKeys.size(), "partition key", i);
            if (user.hasExplicitHashKeyIndex) {
                checkIndex(user.explicitHashKeyIndex, explicitHashKeys, "explicit hash key", i);
            }
            result.add(
                    record.toBuilder()
                            .partitionKey(partitionKeys.get((int) user.partitionKeyIndex))
                            .data(SdkBytes.fromByteArrayUnsafe(user.data))
                            .build());
        }
        return result;
    }

    private static void checkIndex(long index, int tableSize, String table, int userRecord)
            throws ProtobufReader.MalformedException {
        // a uint64 above Long.MAX_VALUE reads as negative
        if (index < 0 || index >= tableSize) {
            throw new ProtobufReader.MalformedException(
                    "user record "
                            + userRecord
                            + " has "
                            + table
                            + " index "
                            + Long.toUnsignedString(index)
                            + " outside the table of "
                            + tableSize);
        }
    }

    /** The fields of one protobuf {@code Record} that matter here. */
    private static final class UserRecord {
        boolean hasPartitionKeyIndex;
        long partitionKeyIndex;
        boolean hasExplicitHashKeyIndex;
        long explicitHashKeyIndex;
        @Nullable byte[] data;

        static UserRecord read(ProtobufReader message, int index)
                throws ProtobufReader.MalformedException {
            UserRecord user = new UserRecord();
            while (message.hasMore()) {
                int tag = message.readTag();
                switch (tag) {
                    case PARTITION_KEY_INDEX:
                        user.partitionKeyIndex = message.readVarint();
                        user.hasPartitionKeyIndex = true;
                        break;
                    case EXPLICIT_HASH_KEY_INDEX:
                        user.explicitHashKeyIndex = message.readVarint();
                        user.hasExplicitHashKeyIndex = true;
                        break;
                    case DATA:
                        user.data = message.readBytes();
                        break;
                    default: // tags (field 4) and unknown fields
                        message.skipField(tag);
                }
            }
            if (!user.hasPartitionKeyIndex) {
                throw new ProtobufReader.MalformedException(
                        "user record " + index + " has no partition key index");
            }
            if (user.data == null) {
                throw new ProtobufReader.MalformedException(
                        "user record " + index + " has no data");
            }
            return user;
        }
    }
}
