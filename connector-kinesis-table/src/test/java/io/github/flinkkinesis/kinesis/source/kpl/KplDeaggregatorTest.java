package io.github.flinkkinesis.kinesis.source.kpl;

import static io.github.flinkkinesis.kinesis.testutil.KplAggregates.frame;
import static io.github.flinkkinesis.kinesis.testutil.KplAggregates.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.testutil.CapturedLogs;
import io.github.flinkkinesis.kinesis.testutil.KplAggregates.Aggregate;
import io.github.flinkkinesis.kinesis.testutil.KplAggregates.ProtoWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * De-aggregation of KPL records built by a hand-written encoder, valid and broken, and the dropping
 * of aggregates whose user records hash outside the shard's range.
 */
class KplDeaggregatorTest {

    private static final String SHARD = "shardId-000000000003";
    private static final Instant ARRIVAL = Instant.parse("2026-01-01T00:00:00.123Z");

    /** MD5("a") = 0cc175b9c0f1b6a831c399e269772661, as an unsigned 128-bit integer. */
    private static final BigInteger MD5_A =
            new BigInteger("16955237001963240173058271559858726497");

    /** MD5("b") = 92eb5ffee6ae2fec3ad71c777531578f: its top bit is set (not negative). */
    private static final BigInteger MD5_B =
            new BigInteger("195289424170611159128911017612795795343");

    private static final HashKeyRange LOWER_HALF =
            HashKeyRange.of(BigInteger.ZERO, BigInteger.TWO.pow(127).subtract(BigInteger.ONE));
    private static final HashKeyRange UPPER_HALF =
            HashKeyRange.of(BigInteger.TWO.pow(127), HashKeyRange.MAX_HASH_KEY);

    private final SimpleCounter malformed = new SimpleCounter();
    private final SimpleCounter outOfShard = new SimpleCounter();
    private final List<String> registered = new ArrayList<>();
    private final KplDeaggregator deaggregator =
            new KplDeaggregator(
                    new UnregisteredMetricsGroup() {
                        @Override
                        public Counter counter(String name) {
                            registered.add(name);
                            switch (name) {
                                case KplDeaggregator.MALFORMED_METRIC:
                                    return malformed;
                                case KplDeaggregator.OUT_OF_SHARD_METRIC:
                                    return outOfShard;
                                default:
                                    throw new AssertionError("unexpected metric " + name);
                            }
                        }
                    });

    private static Record record(String sequenceNumber, byte[] data) {
        return Record.builder()
                .sequenceNumber(sequenceNumber)
                .partitionKey("outer-key")
                .approximateArrivalTimestamp(ARRIVAL)
                .encryptionType(EncryptionType.KMS)
                .data(SdkBytes.fromByteArray(data))
                .build();
    }

    /**
     * "partitionKey=data" per user record, or null when the record is passed on as a plain record,
     * or empty when it is dropped.
     */
    private List<String> userRecords(byte[] data) {
        return userRecords(data, null);
    }

    /** The same, read from a shard with the hash key range {@code range}. */
    private List<String> userRecords(byte[] data, HashKeyRange range) {
        assertThat(KplAggregateParser.hasAggregationMagic(data)).isTrue();
        Deaggregated result =
                deaggregator.deaggregate(
                        record("49000000000000000001", data), "orders", SHARD, range);
        if (result == Deaggregated.PLAIN_RECORD) {
            return null;
        }
        if (result instanceof Deaggregated.Dropped) {
            return List.of();
        }
        return userRecordsOf(result).stream()
                .map(r -> r.partitionKey() + "=" + r.data().asUtf8String())
                .collect(Collectors.toList());
    }

    private static List<Record> userRecordsOf(Deaggregated result) {
        assertThat(result).isInstanceOf(Deaggregated.UserRecords.class);
        return ((Deaggregated.UserRecords) result).records();
    }

    @Test
    void userRecordsKeepTheirOrderPartitionKeysAndTheEnclosingRecordsPosition() {
        byte[] data =
                new Aggregate()
                        .add("alice", "{\"id\":1}")
                        .add("bob", "{\"id\":2}")
                        .add("alice", "{\"id\":3}")
                        .add("carol", "123456789012345678901234567890", utf8(""))
                        .toBytes();
        List<Record> records =
                userRecordsOf(
                        deaggregator.deaggregate(
                                record("49000000000000000001", data), "orders", SHARD, null));

        assertThat(records)
                .extracting(r -> r.partitionKey() + "=" + r.data().asUtf8String())
                .containsExactly(
                        "alice={\"id\":1}", "bob={\"id\":2}", "alice={\"id\":3}", "carol=");
        assertThat(records)
                .allSatisfy(
                        r -> {
                            assertThat(r.sequenceNumber()).isEqualTo("49000000000000000001");
                            assertThat(r.approximateArrivalTimestamp()).isEqualTo(ARRIVAL);
                            assertThat(r.encryptionType()).isEqualTo(EncryptionType.KMS);
                        });
        assertThat(malformed.getCount()).isZero();
    }

    @Test
    void tagsAndUnknownFieldsOfEveryWireTypeAreSkipped() {
        Aggregate aggregate = new Aggregate().add("a", "one").add("b", "two");
        byte[] plain = aggregate.toBytes();
        byte[] withExtras = aggregate.withTagsAndUnknownFields().toBytes();
        assertThat(withExtras.length).isGreaterThan(plain.length + 40);
        assertThat(userRecords(withExtras)).containsExactly("a=one", "b=two");
        assertThat(malformed.getCount()).isZero();
    }

    @Test
    void fieldsInAnyOrderAndTheLastValueOfARepeatedScalarWins() {
        ProtoWriter protobuf =
                new ProtoWriter()
                        .message(3, new ProtoWriter().varint(1, 1).bytes(3, utf8("x")))
                        .string(1, "first")
                        .message(
                                3,
                                new ProtoWriter()
                                        .varint(1, 1)
                                        .bytes(3, utf8("old"))
                                        .varint(1, 0)
                                        .bytes(3, utf8("y")))
                        .string(1, "second");
        assertThat(userRecords(frame(protobuf.toByteArray())))
                .containsExactly("second=x", "first=y");
    }

    @Test
    void aKnownFieldWithAnotherWireTypeIsSkippedAsUnknown() {
        // field 1 as a varint is not the partition key table (a string): protobuf skips it
        ProtoWriter protobuf =
                new ProtoWriter()
                        .varint(1, 5)
                        .string(1, "key")
                        .message(3, new ProtoWriter().varint(1, 0).bytes(3, utf8("v")));
        assertThat(userRecords(frame(protobuf.toByteArray()))).containsExactly("key=v");
    }

    @Test
    void aWrongDigestMakesItAPlainRecordCountedAndWarnedOncePerShardWithoutPayload() {
        byte[] data = new Aggregate().add("a", "secret-payload").toBytes();
        data[data.length - 1] ^= 1;
        try (CapturedLogs logs = new CapturedLogs(KplDeaggregator.class)) {
            assertThat(userRecords(data)).isNull();
            assertThat(
                            deaggregator.deaggregate(
                                    record("49000000000000000002", data),
                                    "orders",
                                    SHARD,
                                    LOWER_HALF))
                    .isSameAs(Deaggregated.PLAIN_RECORD);
            assertThat(
                            deaggregator.deaggregate(
                                    record("49000000000000000003", data), "orders", "other", null))
                    .isSameAs(Deaggregated.PLAIN_RECORD);

            assertThat(malformed.getCount()).isEqualTo(3);
            assertThat(logs.lines()).hasSize(2);
            assertThat(logs.lines().get(0))
                    .startsWith("WARN ")
                    .contains("stream 'orders'")
                    .contains("shard '" + SHARD + "'")
                    .contains("sequence number 49000000000000000001")
                    .contains("MD5 digest does not match")
                    .doesNotContain("secret-payload");
            assertThat(logs.lines().get(1)).contains("shard 'other'");
        }
    }

    @Test
    void truncatedAggregatesArePlainRecords() {
        byte[] protobuf =
                new Aggregate().add("a", "first user record").add("b", "second").protobuf();
        byte[] whole = frame(protobuf);
        // the digest cut off
        assertThat(userRecords(Arrays.copyOf(whole, whole.length - 3))).isNull();
        // shorter than magic and digest
        assertThat(userRecords(Arrays.copyOf(whole, 19))).isNull();
        assertThat(userRecords(Arrays.copyOf(whole, 4))).isNull();
        // the protobuf cut at every length, each with a matching digest
        for (int length = 1; length < protobuf.length; length++) {
            List<String> result = userRecords(frame(Arrays.copyOf(protobuf, length)));
            if (result != null) {
                // a cut just after a whole field: only complete user records, never a partial one
                assertThat(List.of("a=first user record", "b=second"))
                        .as("cut at %d", length)
                        .containsAll(result);
            }
        }
        assertThat(userRecords(frame(Arrays.copyOf(protobuf, protobuf.length - 1)))).isNull();
        assertThat(malformed.getCount()).isGreaterThanOrEqualTo(4 + protobuf.length - 3);
    }

    @Test
    void brokenProtobufIsAPlainRecord() {
        ProtoWriter userRecord = new ProtoWriter().varint(1, 0).bytes(3, utf8("v"));
        assertThat(userRecords(frame(new byte[0]))).as("no user records").isNull();
        assertThat(userRecords(frame(new ProtoWriter().string(1, "k").toByteArray())))
                .as("only a key table")
                .isNull();
        assertThat(userRecords(frame(new ProtoWriter().message(3, userRecord).toByteArray())))
                .as("partition key index beyond an empty table")
                .isNull();
        assertThat(
                        userRecords(
                                frame(
                                        new ProtoWriter()
                                                .string(1, "k")
                                                .message(3, new ProtoWriter().bytes(3, utf8("v")))
                                                .toByteArray())))
                .as("no partition key index")
                .isNull();
        assertThat(
                        userRecords(
                                frame(
                                        new ProtoWriter()
                                                .string(1, "k")
                                                .message(3, new ProtoWriter().varint(1, 0))
                                                .toByteArray())))
                .as("no data")
                .isNull();
        assertThat(
                        userRecords(
                                frame(
                                        new ProtoWriter()
                                                .string(1, "k")
                                                .message(
                                                        3,
                                                        new ProtoWriter()
                                                                .varint(1, -1L)
                                                                .bytes(3, utf8("v")))
                                                .toByteArray())))
                .as("partition key index 2^64-1")
                .isNull();
        assertThat(
                        userRecords(
                                frame(
                                        new ProtoWriter()
                                                .string(1, "k")
                                                .string(2, "1")
                                                .message(
                                                        3,
                                                        new ProtoWriter()
                                                                .varint(1, 0)
                                                                .varint(2, 1)
                                                                .bytes(3, utf8("v")))
                                                .toByteArray())))
                .as("explicit hash key index beyond its table")
                .isNull();
        for (String hashKey :
                List.of(
                        "",
                        "-1",
                        "+1",
                        "1e3",
                        "٣",
                        HashKeyRange.MAX_HASH_KEY.add(BigInteger.ONE) + "",
                        "1".repeat(100_000))) {
            assertThat(
                            userRecords(
                                    new Aggregate().add("k", hashKey, utf8("v")).toBytes(),
                                    UPPER_HALF))
                    .as("explicit hash key '%.20s'", hashKey)
                    .isNull();
        }
        assertThat(
                        userRecords(
                                frame(
                                        new ProtoWriter()
                                                .raw(negativeTag(1 << 3 | 2))
                                                .raw(new byte[] {1, 'k'})
                                                .message(3, userRecord)
                                                .toByteArray())))
                .as("a 64-bit tag whose low 32 bits are the partition key table's")
                .isNull();
        assertThat(
                        userRecords(
                                frame(
                                        new ProtoWriter()
                                                .string(1, "k")
                                                .message(3, userRecord)
                                                .raw(new byte[] {(byte) 0x80, (byte) 0x80})
                                                .toByteArray())))
                .as("truncated tag")
                .isNull();
        byte[] tooLongVarint = new byte[12];
        Arrays.fill(tooLongVarint, (byte) 0xFF);
        tooLongVarint[0] = 0x08; // field 1, varint
        tooLongVarint[11] = 0x01;
        assertThat(userRecords(frame(tooLongVarint))).as("varint of 11 bytes").isNull();
        assertThat(userRecords(frame(new byte[] {0x0F, 0x00}))).as("wire type 7").isNull();
        assertThat(userRecords(frame(new byte[] {0x00, 0x00}))).as("field number 0").isNull();
        assertThat(userRecords(frame(new byte[] {0x0C}))).as("end group without start").isNull();
        assertThat(
                        userRecords(
                                frame(
                                        new ProtoWriter()
                                                .string(1, "k")
                                                .message(3, userRecord)
                                                .raw(new byte[] {0x7B, 0x08, 0x01, 0x7C})
                                                .toByteArray())))
                .as("group 15 ended as group 15")
                .containsExactly("k=v");
        assertThat(
                        userRecords(
                                frame(
                                        new ProtoWriter()
                                                .string(1, "k")
                                                .message(3, userRecord)
                                                .raw(new byte[] {0x7B, 0x08, 0x01, (byte) 0x84, 1})
                                                .toByteArray())))
                .as("group 15 ended as group 16")
                .isNull();
        assertThat(malformed.getCount()).isEqualTo(13 + 7 + 1);
        assertThat(outOfShard.getCount()).isZero();
    }

    /** A 10-byte varint tag with bit 63 set, as a uint64 that reads as a negative long. */
    private static byte[] negativeTag(int lowBits) {
        byte[] varint = new byte[10];
        long value = Long.MIN_VALUE | lowBits;
        for (int i = 0; i < 9; i++) {
            varint[i] = (byte) ((value >>> (7 * i)) & 0x7F | 0x80);
        }
        varint[9] = (byte) (value >>> 63);
        return varint;
    }

    @Test
    void bothMetricsAreRegisteredOnce() {
        assertThat(registered)
                .containsExactlyInAnyOrder(
                        KplDeaggregator.MALFORMED_METRIC, KplDeaggregator.OUT_OF_SHARD_METRIC);
    }

    @Test
    void theHashKeyOfAPartitionKeyIsItsMd5AsAnUnsigned128BitInteger() {
        assertThat(MD5_B.testBit(127)).isTrue();
        HashKeyRange onlyA = HashKeyRange.of(MD5_A, MD5_A);
        HashKeyRange onlyB = HashKeyRange.of(MD5_B, MD5_B);
        assertThat(userRecords(new Aggregate().add("a", "1").add("a", "2").toBytes(), onlyA))
                .containsExactly("a=1", "a=2");
        assertThat(userRecords(new Aggregate().add("b", "3").toBytes(), onlyB))
                .containsExactly("b=3");
        assertThat(userRecords(new Aggregate().add("b", "3").toBytes(), UPPER_HALF))
                .containsExactly("b=3");
        assertThat(userRecords(new Aggregate().add("a", "1").toBytes(), onlyB)).isEmpty();
        assertThat(
                        userRecords(
                                new Aggregate().add("a", "1").toBytes(),
                                HashKeyRange.of(MD5_A.add(BigInteger.ONE), MD5_B)))
                .isEmpty();
        assertThat(outOfShard.getCount()).isEqualTo(2);
        assertThat(malformed.getCount()).isZero();
    }

    @Test
    void anAggregateWithAUserRecordOutsideTheShardIsDroppedWholeCountedAndWarnedOncePerShard() {
        // "a" hashes into the lower half, "b" into the upper half
        byte[] mixed = new Aggregate().add("a", "secret-1").add("b", "secret-2").toBytes();
        try (CapturedLogs logs = new CapturedLogs(KplDeaggregator.class)) {
            assertThat(userRecords(mixed, LOWER_HALF)).isEmpty();
            assertThat(
                            deaggregator.deaggregate(
                                    record("49000000000000000002", mixed),
                                    "orders",
                                    SHARD,
                                    UPPER_HALF))
                    .isInstanceOf(Deaggregated.Dropped.class);
            assertThat(
                            deaggregator.deaggregate(
                                    record("49000000000000000003", mixed),
                                    "orders",
                                    "other",
                                    UPPER_HALF))
                    .isInstanceOf(Deaggregated.Dropped.class);

            assertThat(outOfShard.getCount()).isEqualTo(3);
            assertThat(malformed.getCount()).isZero();
            assertThat(logs.lines()).hasSize(2);
            assertThat(logs.lines().get(0))
                    .startsWith("WARN ")
                    .contains("stream 'orders'")
                    .contains("shard '" + SHARD + "'")
                    .contains("sequence number 49000000000000000001")
                    .contains("user record 1")
                    .contains("hash key " + MD5_B)
                    .contains(LOWER_HALF.toString())
                    .contains(KplDeaggregator.OUT_OF_SHARD_METRIC)
                    .doesNotContain("secret");
            assertThat(logs.lines().get(1)).contains("shard 'other'").contains("hash key " + MD5_A);
        }
    }

    @Test
    void anExplicitHashKeyDecidesInsteadOfThePartitionKey() {
        String low = "1";
        String high = HashKeyRange.MAX_HASH_KEY.toString();
        // "b" hashes into the upper half, but its explicit hash key puts it into the lower one
        byte[] explicitLow =
                new Aggregate()
                        .add("b", low, utf8("1"))
                        .add("a", "2")
                        .add("b", "000" + low, utf8("3"))
                        .toBytes();
        assertThat(userRecords(explicitLow, LOWER_HALF)).containsExactly("b=1", "a=2", "b=3");
        // "a" hashes into the lower half; the last user record's explicit key is the top one
        byte[] lastExplicitHigh =
                new Aggregate().add("a", "1").add("a", "2").add("a", high, utf8("3")).toBytes();
        assertThat(userRecords(lastExplicitHigh, HashKeyRange.of(MD5_A, HashKeyRange.MAX_HASH_KEY)))
                .containsExactly("a=1", "a=2", "a=3");
        try (CapturedLogs logs = new CapturedLogs(KplDeaggregator.class)) {
            assertThat(userRecords(explicitLow, UPPER_HALF)).isEmpty();
            assertThat(userRecords(lastExplicitHigh, LOWER_HALF)).isEmpty();
            assertThat(
                            deaggregator.deaggregate(
                                    record("49000000000000000002", lastExplicitHigh),
                                    "orders",
                                    "other",
                                    LOWER_HALF))
                    .isInstanceOf(Deaggregated.Dropped.class);
            assertThat(logs.lines()).hasSize(2);
            assertThat(logs.lines().get(0))
                    .contains("user record 0")
                    .contains("explicit hash key 1,");
            assertThat(logs.lines().get(1))
                    .contains("user record 2")
                    .contains("explicit hash key " + high);
        }
        assertThat(outOfShard.getCount()).isEqualTo(3);
    }

    @Test
    void withoutARangeNothingIsDropped() {
        byte[] mixed =
                new Aggregate()
                        .add("a", "1")
                        .add("b", "2")
                        .add("c", HashKeyRange.MAX_HASH_KEY.toString(), utf8("3"))
                        .toBytes();
        assertThat(userRecords(mixed, null)).containsExactly("a=1", "b=2", "c=3");
        assertThat(outOfShard.getCount()).isZero();
    }

    @Test
    void aMalformedAggregateIsAPlainRecordEvenIfItWouldBeOutOfTheShard() {
        byte[] data = new Aggregate().add("b", "x").toBytes();
        data[data.length - 1] ^= 1;
        assertThat(userRecords(data, LOWER_HALF)).isNull();
        assertThat(malformed.getCount()).isEqualTo(1);
        assertThat(outOfShard.getCount()).isZero();
    }

    @Test
    void aRecordWithoutTheMagicBytesIsAPlainRecordNeitherCountedNorLogged() {
        try (CapturedLogs logs = new CapturedLogs(KplDeaggregator.class)) {
            assertThat(
                            deaggregator.deaggregate(
                                    record("49000000000000000001", utf8("{\"id\":1}")),
                                    "orders",
                                    SHARD,
                                    LOWER_HALF))
                    .isSameAs(Deaggregated.PLAIN_RECORD);
            assertThat(logs.lines()).isEmpty();
        }
        assertThat(malformed.getCount()).isZero();
        assertThat(outOfShard.getCount()).isZero();
    }

    @Test
    void aDroppedAggregateSaysWhichUserRecordIsOutsideTheShardWithoutPayload() {
        byte[] mixed = new Aggregate().add("a", "secret-1").add("b", "secret-2").toBytes();
        assertThat(
                        deaggregator.deaggregate(
                                record("49000000000000000001", mixed), "orders", SHARD, LOWER_HALF))
                .isEqualTo(
                        new Deaggregated.Dropped(
                                "user record 1 has the partition key's hash key "
                                        + MD5_B
                                        + ", outside the shard's hash key range "
                                        + LOWER_HALF));
    }

    @Test
    void deeplyNestedGroupsAreMalformedNotAStackOverflow() {
        byte[] nested = new byte[200_000];
        Arrays.fill(nested, (byte) 0x7B); // start group 15, over and over
        assertThat(userRecords(frame(nested))).isNull();
    }

    @Test
    void onlyDataStartingWithTheMagicBytesIsACandidate() {
        assertThat(KplAggregateParser.hasAggregationMagic(utf8("{\"id\":1}"))).isFalse();
        assertThat(KplAggregateParser.hasAggregationMagic(new byte[0])).isFalse();
        assertThat(KplAggregateParser.hasAggregationMagic(new byte[] {(byte) 0xF3, (byte) 0x89}))
                .isFalse();
        assertThat(
                        KplAggregateParser.hasAggregationMagic(
                                new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC3}))
                .isFalse();
        assertThat(
                        KplAggregateParser.hasAggregationMagic(
                                new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2}))
                .isTrue();
        assertThat(malformed.getCount()).isZero();
    }
}
