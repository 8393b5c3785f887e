package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.model.KplFormat;
import io.github.flinkkinesis.kinesis.source.kpl.Deaggregated;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The encoder against the source's parser (through the public {@link KplDeaggregator}): every user
 * record comes back with its data and partition key in order, the digest is the MD5 of the
 * protobuf, the size it predicts is the size it writes, and the count and size limits hold exactly.
 */
class KplAggregateBuilderTest {

    private final KplDeaggregator deaggregator =
            new KplDeaggregator(new UnregisteredMetricsGroup());

    private static KinesisSinkEntry entry(String key, String data) {
        return new KinesisSinkEntry(data.getBytes(StandardCharsets.UTF_8), key, null);
    }

    private static KinesisSinkEntry entry(String key, byte[] data, String hashKey) {
        return new KinesisSinkEntry(data, key, hashKey);
    }

    private static byte[] build(KplAggregateBuilder builder) {
        return builder.toBytes(KplFormat.newMd5());
    }

    private List<Record> readBack(byte[] aggregate, HashKeyRange range) {
        Record record =
                Record.builder()
                        .data(SdkBytes.fromByteArray(aggregate))
                        .partitionKey("outer")
                        .sequenceNumber("1")
                        .build();
        Deaggregated result = deaggregator.deaggregate(record, "s", "shard-0", range);
        assertThat(result).isInstanceOf(Deaggregated.UserRecords.class);
        return ((Deaggregated.UserRecords) result).records();
    }

    private static HashKeyRange everything() {
        return HashKeyRange.of(BigInteger.ZERO, HashKeyRange.MAX_HASH_KEY);
    }

    @Test
    void userRecordsRoundTripThroughTheParserInOrder() {
        KplAggregateBuilder builder = new KplAggregateBuilder(1024 * 1024, 1000);
        List<KinesisSinkEntry> entries = new ArrayList<>();
        // repeated keys, an empty key, non-ASCII keys, empty data, data needing 2- and 3-byte
        // lengths
        entries.add(entry("alice", "{\"id\":1}"));
        entries.add(entry("bob", "{\"id\":2}"));
        entries.add(entry("alice", "{\"id\":3}"));
        entries.add(entry("", "empty key"));
        entries.add(entry("clé-ü-😀", ""));
        entries.add(entry("big", "x".repeat(200)));
        entries.add(entry("bigger", "y".repeat(20_000)));
        for (int i = 0; i < 200; i++) { // key indexes above 127: two-byte varints
            entries.add(entry("k" + i, "v" + i));
        }
        for (KinesisSinkEntry e : entries) {
            assertThat(builder.tryAdd(e)).isTrue();
        }
        byte[] aggregate = build(builder);

        List<Record> users = readBack(aggregate, everything());

        assertThat(users).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(users.get(i).partitionKey()).isEqualTo(entries.get(i).partitionKey());
            assertThat(users.get(i).data().asByteArray()).isEqualTo(entries.get(i).data());
        }
        // Kinesis counts the data plus the aggregate's partition key, the first user record's
        assertThat(builder.sizeInBytes())
                .isEqualTo(aggregate.length + "alice".getBytes(StandardCharsets.UTF_8).length);
        assertThat(builder.first().partitionKey()).isEqualTo("alice");
        // each key once in the table: 7 distinct ones before the 200 "k" keys
        assertThat(countTag(aggregate, KplFormat.PARTITION_KEY_TABLE)).isEqualTo(206);
    }

    @Test
    void frameIsMagicProtobufAndTheMd5OfTheProtobuf() throws Exception {
        KplAggregateBuilder builder = new KplAggregateBuilder(1024, 10);
        builder.tryAdd(entry("a", "one"));
        builder.tryAdd(entry("b", "two"));
        byte[] aggregate = build(builder);

        assertThat(Arrays.copyOf(aggregate, 4))
                .containsExactly((byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2);
        byte[] protobuf = Arrays.copyOfRange(aggregate, 4, aggregate.length - 16);
        byte[] digest = Arrays.copyOfRange(aggregate, aggregate.length - 16, aggregate.length);
        assertThat(digest).isEqualTo(MessageDigest.getInstance("MD5").digest(protobuf));

        // a flipped bit anywhere in the protobuf: the parser no longer takes it as an aggregate
        aggregate[10] ^= 1;
        Record broken =
                Record.builder()
                        .data(SdkBytes.fromByteArray(aggregate))
                        .partitionKey("a")
                        .sequenceNumber("1")
                        .build();
        assertThat(deaggregator.deaggregate(broken, "s", "shard-0", null))
                .isSameAs(Deaggregated.PLAIN_RECORD);
    }

    @Test
    void explicitHashKeysAreKeptPerUserRecord() {
        String low = "5";
        String high = HashKeyRange.MAX_HASH_KEY.toString();
        KplAggregateBuilder builder = new KplAggregateBuilder(1024, 10);
        builder.tryAdd(entry("a", "1".getBytes(StandardCharsets.UTF_8), low));
        builder.tryAdd(entry("b", "2".getBytes(StandardCharsets.UTF_8), high));
        builder.tryAdd(entry("c", "3".getBytes(StandardCharsets.UTF_8), low));
        byte[] aggregate = build(builder);
        assertThat(builder.sizeInBytes()).isEqualTo(aggregate.length + 1);
        assertThat(countTag(aggregate, KplFormat.EXPLICIT_HASH_KEY_TABLE)).isEqualTo(2);

        // the parser places each user record by its own explicit hash key, not by its key's MD5:
        // a range holding both keys keeps the aggregate, one without the high key drops it
        assertThat(readBack(aggregate, everything()))
                .extracting(Record::partitionKey)
                .containsExactly("a", "b", "c");
        Deaggregated partial =
                deaggregator.deaggregate(
                        Record.builder()
                                .data(SdkBytes.fromByteArray(aggregate))
                                .partitionKey("a")
                                .sequenceNumber("2")
                                .build(),
                        "s",
                        "shard-0",
                        HashKeyRange.of(BigInteger.ZERO, BigInteger.TEN));
        assertThat(partial).isInstanceOf(Deaggregated.Dropped.class);
        assertThat(((Deaggregated.Dropped) partial).reason())
                .contains("user record 1", "explicit", high);
    }

    @Test
    void theCountLimitHoldsExactly() {
        KplAggregateBuilder builder = new KplAggregateBuilder(1024 * 1024, 3);
        assertThat(builder.tryAdd(entry("a", "1"))).isTrue();
        assertThat(builder.tryAdd(entry("a", "2"))).isTrue();
        assertThat(builder.tryAdd(entry("a", "3"))).isTrue();
        assertThat(builder.tryAdd(entry("a", "4"))).isFalse();
        assertThat(readBack(build(builder), everything())).hasSize(3);
    }

    @Test
    void theSizeLimitHoldsToTheByte() {
        // measure the size of three records, then allow exactly that: the fourth is refused
        KplAggregateBuilder probe = new KplAggregateBuilder(Long.MAX_VALUE, 100);
        List<KinesisSinkEntry> entries =
                List.of(
                        entry("key-1", "a".repeat(100)),
                        entry("key-2", "b".repeat(100)),
                        entry("key-1", "c".repeat(100)),
                        entry("key-3", "d"));
        for (int i = 0; i < 3; i++) {
            probe.tryAdd(entries.get(i));
        }
        long threeRecords = probe.sizeInBytes();

        KplAggregateBuilder builder = new KplAggregateBuilder(threeRecords, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(builder.tryAdd(entries.get(i))).as("record %s", i).isTrue();
        }
        assertThat(builder.tryAdd(entries.get(3))).isFalse();
        assertThat(builder.sizeInBytes()).isEqualTo(threeRecords);
        byte[] aggregate = build(builder);
        assertThat(aggregate.length + "key-1".length()).isEqualTo(threeRecords);
        assertThat(readBack(aggregate, everything())).hasSize(3);

        // one byte less and the third no longer fits
        KplAggregateBuilder tighter = new KplAggregateBuilder(threeRecords - 1, 100);
        assertThat(tighter.tryAdd(entries.get(0))).isTrue();
        assertThat(tighter.tryAdd(entries.get(1))).isTrue();
        assertThat(tighter.tryAdd(entries.get(2))).isFalse();
        assertThat(KplAggregateBuilder.sizeAlone(entries.get(3)))
                .isEqualTo(singleSize(entries.get(3)));
    }

    private static long singleSize(KinesisSinkEntry e) {
        KplAggregateBuilder one = new KplAggregateBuilder(Long.MAX_VALUE, 1);
        one.tryAdd(e);
        return one.toBytes(KplFormat.newMd5()).length + e.sizeInBytes() - e.data().length;
    }

    /** How often top-level field {@code tag} occurs in the aggregate's protobuf. */
    private static int countTag(byte[] aggregate, int tag) {
        int count = 0;
        int at = 4;
        int end = aggregate.length - 16;
        while (at < end) {
            long[] t = varint(aggregate, at);
            at = (int) t[1];
            long[] length = varint(aggregate, at); // every top-level field is length-delimited
            at = (int) (length[1] + length[0]);
            if (t[0] == tag) {
                count++;
            }
        }
        return count;
    }

    private static long[] varint(byte[] bytes, int at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return new long[] {value, at};
            }
        }
    }
}
