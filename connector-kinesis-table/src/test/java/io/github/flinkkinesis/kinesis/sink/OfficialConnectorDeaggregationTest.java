package io.github.flinkkinesis.kinesis.sink;

import static io.github.flinkkinesis.kinesis.sink.KplBatchPackerTest.fourShards;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official Flink Kinesis connector (4.3.0-1.19) de-aggregates our aggregates: each aggregate
 * the packer built for a shard goes through the official source's own de-aggregation step (its
 * {@code RecordBatch}, which its polling and EFO publishers hand every GetRecords answer to, with
 * the shard's hash key range) and comes out as the user records it holds, with their partition keys
 * and explicit hash keys, none dropped as out of shard (read as from another shard, it drops them:
 * the range is checked).
 *
 * <p>The connector is built for Flink 1.19 and its jar shades its own SDK: it is loaded in a class
 * loader of its own (on the test class path its {@code kinesis} table factory would clash with this
 * connector's), from the copy the build puts next to the test classes. Running its whole source is
 * not possible on Flink 2.x (it is a {@code SourceFunction}, which 2.x removed).
 */
class OfficialConnectorDeaggregationTest {

    private static final String SHADED = "org.apache.flink.kinesis.shaded.com.amazonaws.";

    private static Path officialJar() throws Exception {
        Path testClasses =
                Path.of(
                        OfficialConnectorDeaggregationTest.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        Path jar =
                testClasses
                        .getParent()
                        .resolve("official-connector/flink-connector-kinesis-official.jar");
        assertThat(jar)
                .as(
                        "the official connector's jar, copied by the build"
                                + " (maven-dependency-plugin, phase generate-test-resources): run"
                                + " the tests through Maven, e.g. mvn verify -pl"
                                + " connector-kinesis-table")
                .exists();
        return jar;
    }

    @Test
    void theOfficialConnectorsDeaggregationReadsOurAggregates() throws Exception {
        List<KinesisSinkEntry> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String explicit = i % 30 == 0 ? HashKeyRange.MAX_HASH_KEY.toString() : null;
            batch.add(
                    new KinesisSinkEntry(
                            ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                            "user-" + i,
                            explicit));
        }
        Map<String, HashKeyRange> shards = fourShards();
        List<KplBatchPacker.PackedRecord> packed =
                new KplBatchPacker(50 * 1024, 500).pack(batch, ShardMap.of(shards));

        int users = 0;
        try (ChildFirstLoader official = new ChildFirstLoader(officialJar().toUri().toURL())) {
            for (KplBatchPacker.PackedRecord record : packed) {
                List<?> read = official.deaggregate(record, shards.get(record.shardId));
                assertThat(read).hasSize(record.userIndexes.length);
                for (int i = 0; i < read.size(); i++) {
                    KinesisSinkEntry expected = batch.get(record.userIndexes[i]);
                    Object user = read.get(i);
                    assertThat(call(user, "getPartitionKey")).isEqualTo(expected.partitionKey());
                    assertThat(call(user, "getExplicitHashKey"))
                            .isEqualTo(expected.explicitHashKey());
                    assertThat(call(user, "getSubSequenceNumber")).isEqualTo((long) i);
                    ByteBuffer data = (ByteBuffer) call(user, "getData");
                    byte[] bytes = new byte[data.remaining()];
                    data.duplicate().get(bytes);
                    assertThat(bytes).isEqualTo(expected.data());
                }
                users += read.size();
            }
            // it does check the range: read as from another shard, an aggregate gives nothing
            KplBatchPacker.PackedRecord first = packed.get(0);
            String otherShard =
                    shards.keySet().stream()
                            .filter(id -> !id.equals(first.shardId))
                            .findFirst()
                            .orElseThrow();
            assertThat(official.deaggregate(first, shards.get(otherShard))).isEmpty();
        }
        assertThat(users).isEqualTo(batch.size());
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        return m.invoke(target);
    }

    /**
     * Loads the official jar's classes before the test class path's; drives its {@code RecordBatch}
     * by reflection.
     */
    private static final class ChildFirstLoader extends URLClassLoader {

        ChildFirstLoader(URL jar) {
            super(new URL[] {jar}, OfficialConnectorDeaggregationTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && !name.startsWith("java.")) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException e) {
                        loaded = null;
                    }
                }
                if (loaded == null) {
                    loaded = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        /** The official connector's user records of {@code record}, read from a shard of range. */
        List<?> deaggregate(KplBatchPacker.PackedRecord packed, HashKeyRange range)
                throws Exception {
            Class<?> recordClass = loadClass(SHADED + "services.kinesis.model.Record");
            Object record = recordClass.getConstructor().newInstance();
            recordClass
                    .getMethod("setData", ByteBuffer.class)
                    .invoke(record, ByteBuffer.wrap(packed.record.data()));
            recordClass
                    .getMethod("setPartitionKey", String.class)
                    .invoke(record, packed.record.partitionKey());
            recordClass
                    .getMethod("setSequenceNumber", String.class)
                    .invoke(record, "49590338271490256608559692538361571095921575989136588898");
            recordClass
                    .getMethod("setApproximateArrivalTimestamp", Date.class)
                    .invoke(record, new Date());

            Class<?> rangeClass = loadClass(SHADED + "services.kinesis.model.HashKeyRange");
            Object hashKeyRange = rangeClass.getConstructor().newInstance();
            rangeClass
                    .getMethod("setStartingHashKey", String.class)
                    .invoke(hashKeyRange, range.start().toString());
            rangeClass
                    .getMethod("setEndingHashKey", String.class)
                    .invoke(hashKeyRange, range.end().toString());
            Class<?> shardClass = loadClass(SHADED + "services.kinesis.model.Shard");
            Object shard = shardClass.getConstructor().newInstance();
            shardClass.getMethod("setShardId", String.class).invoke(shard, packed.shardId);
            shardClass.getMethod("setHashKeyRange", rangeClass).invoke(shard, hashKeyRange);

            Class<?> handleClass =
                    loadClass(
                            "org.apache.flink.streaming.connectors.kinesis.model.StreamShardHandle");
            Object handle =
                    handleClass
                            .getConstructor(String.class, shardClass)
                            .newInstance("stream", shard);
            Class<?> batchClass =
                    loadClass(
                            "org.apache.flink.streaming.connectors.kinesis.internals.publisher"
                                    + ".RecordBatch");
            Object recordBatch =
                    batchClass
                            .getConstructor(List.class, handleClass, Long.class)
                            .newInstance(List.of(record), handle, 0L);
            return (List<?>) batchClass.getMethod("getDeaggregatedRecords").invoke(recordBatch);
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
