package io.github.flinkkinesis.kinesis.source.kpl;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
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
 * <p>The KPL aggregates the user records it predicts go to one shard. When the aggregate lands in
 * another shard (its shard map was stale, e.g. during a reshard), the KPL fails all its user
 * records as "Wrong Shard" and puts them again, so the stream holds the misplaced aggregate and
 * fresh copies. Given the shard's hash key range, an aggregate with a user record whose effective
 * hash key (its explicit hash key, else the MD5 digest of its partition key's UTF-8 bytes as an
 * unsigned 128-bit integer) is outside the range is therefore dropped whole, as the KCL and the
 * official connector do: counted in {@value #OUT_OF_SHARD_METRIC}, the first one of each shard
 * logged at WARN with stream, shard, sequence number and hash key (never the payload). Without a
 * range nothing is filtered.
 *
 * <p>A record that starts with the magic bytes but is not a valid aggregate (too short, wrong
 * digest, protobuf that cannot be parsed, an index outside its table, a user record without data,
 * an explicit hash key that is not a decimal number from 0 to 2^128-1, no user record at all) is
 * not de-aggregated: the caller passes it on as a plain record. Each one is counted in {@value
 * #MALFORMED_METRIC}; the first one of each shard is logged at WARN with stream, shard and sequence
 * number (never the payload).
 *
 * <p>Owns the MD5 digest, the two counters and the shards already warned about. Lifecycle: one
 * instance per source reader, built with the reader's record emitter and used only by the reader's
 * task thread (it is not thread-safe); it keeps no state between records apart from the warned
 * shards.
 */
@Internal
public final class KplDeaggregator {

    private static final Logger LOG = LoggerFactory.getLogger(KplDeaggregator.class);

    /** Counts records that start with the magic bytes but are not valid aggregates. */
    public static final String MALFORMED_METRIC = "aggregatedRecordsMalformed";

    /** Counts aggregates dropped because a user record hashes outside the shard's range. */
    public static final String OUT_OF_SHARD_METRIC = "aggregatedRecordsOutOfShard";

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
    private final Counter outOfShard;
    private final MessageDigest md5;
    private final Set<String> shardsWarnedMalformed = new HashSet<>();
    private final Set<String> shardsWarnedOutOfShard = new HashSet<>();

    /**
     * @param metricGroup where {@value #MALFORMED_METRIC} and {@value #OUT_OF_SHARD_METRIC} are
     *     registered (the reader's kinesis group)
     */
    public KplDeaggregator(String streamName, MetricGroup metricGroup) {
        this.streamName = streamName;
        this.malformed = metricGroup.counter(MALFORMED_METRIC);
        this.outOfShard = metricGroup.counter(OUT_OF_SHARD_METRIC);
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
     * The user records of an aggregated record in their order (index = sub-sequence number); an
     * empty list when a user record's hash key is outside {@code shardRange}, so that the whole
     * aggregate is dropped (counted and, once per shard, logged); or null when {@code record} is
     * not a valid aggregate and is to be treated as a plain record (counted and, once per shard,
     * logged).
     *
     * @param shardRange the hash key range of the shard the record was read from, or null when
     *     unknown (nothing is dropped)
     */
    @Nullable
    public List<Record> deaggregate(
            Record record, String shardId, @Nullable HashKeyRange shardRange) {
        byte[] data = record.data().asByteArrayUnsafe();
        Aggregate aggregate;
        try {
            aggregate = parse(data);
        } catch (ProtobufReader.MalformedException e) {
            malformed.inc();
            if (shardsWarnedMalformed.add(shardId)) {
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
        if (shardRange != null && !inShard(aggregate, record, shardId, shardRange)) {
            return Collections.emptyList();
        }
        List<Record> result = new ArrayList<>(aggregate.userRecords.size());
        for (UserRecord user : aggregate.userRecords) {
            result.add(
                    record.toBuilder()
                            .partitionKey(aggregate.partitionKeys.get((int) user.partitionKeyIndex))
                            .data(SdkBytes.fromByteArrayUnsafe(user.data))
                            .build());
        }
        return result;
    }

    /**
     * Whether every user record's effective hash key is in {@code shardRange}; if not, counts and
     * (once per shard) logs the dropped aggregate.
     */
    private boolean inShard(
            Aggregate aggregate, Record record, String shardId, HashKeyRange shardRange) {
        // the KPL writes each partition key once in the table: hash each at most once
        BigInteger[] partitionKeyHashes = new BigInteger[aggregate.partitionKeys.size()];
        for (int i = 0; i < aggregate.userRecords.size(); i++) {
            UserRecord user = aggregate.userRecords.get(i);
            BigInteger hashKey;
            if (user.hasExplicitHashKeyIndex) {
                hashKey = aggregate.explicitHashKeys.get((int) user.explicitHashKeyIndex);
            } else {
                int index = (int) user.partitionKeyIndex;
                if (partitionKeyHashes[index] == null) {
                    partitionKeyHashes[index] =
                            new BigInteger(
                                    1,
                                    md5.digest(
                                            aggregate
                                                    .partitionKeys
                                                    .get(index)
                                                    .getBytes(StandardCharsets.UTF_8)));
                }
                hashKey = partitionKeyHashes[index];
            }
            if (!shardRange.contains(hashKey)) {
                outOfShard.inc();
                if (shardsWarnedOutOfShard.add(shardId)) {
                    LOG.warn(
                            "KPL aggregated record of Kinesis stream '{}', shard '{}', sequence"
                                    + " number {} is dropped with all its user records: user"
                                    + " record {} has {} hash key {}, outside the shard's hash"
                                    + " key range {}. The KPL put it into the wrong shard (its"
                                    + " shard map was stale, e.g. during a reshard) and put its"
                                    + " user records again, so they are read from there, as the"
                                    + " KCL does. Further such records of this shard are only"
                                    + " counted in the metric {}.",
                            streamName,
                            shardId,
                            record.sequenceNumber(),
                            i,
                            user.hasExplicitHashKeyIndex ? "the explicit" : "the partition key's",
                            hashKey,
                            shardRange,
                            OUT_OF_SHARD_METRIC);
                }
                return false;
            }
        }
        return true;
    }

    private Aggregate parse(byte[] data) throws ProtobufReader.MalformedException {
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

        Aggregate aggregate = new Aggregate();
        ProtobufReader protobuf = new ProtobufReader(data, MAGIC_LENGTH, protobufEnd);
        while (protobuf.hasMore()) {
            int tag = protobuf.readTag();
            switch (tag) {
                case PARTITION_KEY_TABLE:
                    aggregate.partitionKeys.add(protobuf.readString());
                    break;
                case EXPLICIT_HASH_KEY_TABLE:
                    aggregate.explicitHashKeys.add(hashKey(protobuf.readString()));
                    break;
                case RECORDS:
                    aggregate.userRecords.add(
                            UserRecord.read(protobuf.readMessage(), aggregate.userRecords.size()));
                    break;
                default:
                    protobuf.skipField(tag);
            }
        }
        if (aggregate.userRecords.isEmpty()) {
            throw new ProtobufReader.MalformedException("no user records");
        }
        for (int i = 0; i < aggregate.userRecords.size(); i++) {
            UserRecord user = aggregate.userRecords.get(i);
            checkIndex(user.partitionKeyIndex, aggregate.partitionKeys.size(), "partition key", i);
            if (user.hasExplicitHashKeyIndex) {
                checkIndex(
                        user.explicitHashKeyIndex,
                        aggregate.explicitHashKeys.size(),
                        "explicit hash key",
                        i);
            }
        }
        return aggregate;
    }

    /** An explicit hash key: a decimal number from 0 to 2^128-1 (leading zeros allowed). */
    private static BigInteger hashKey(String decimal) throws ProtobufReader.MalformedException {
        if (HashKeyRange.hashKeyProblem(decimal) != null) {
            throw new ProtobufReader.MalformedException(
                    "explicit hash key is not a decimal number from 0 to 2^128-1");
        }
        return new BigInteger(decimal);
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

    /** The tables and user records of one protobuf {@code AggregatedRecord}, indexes checked. */
    private static final class Aggregate {
        final List<String> partitionKeys = new ArrayList<>();
        final List<BigInteger> explicitHashKeys = new ArrayList<>();
        final List<UserRecord> userRecords = new ArrayList<>();
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
