package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakePutRecordsProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.SdkErrors;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestWriterContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class KinesisSinkWriterTest {

    private static final long MIB = 1024L * 1024;

    /** Element i becomes a record "value-i" (padded to {@code size} bytes) with key "key-i". */
    private static ElementConverter<Integer, KinesisSinkEntry> converter(int size) {
        return (i, ctx) -> {
            byte[] text = ("value-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] data = new byte[Math.max(size, text.length)];
            System.arraycopy(text, 0, data, 0, text.length);
            return new KinesisSinkEntry(data, "key-" + i, null);
        };
    }

    private final FakePutRecordsProxy proxy = new FakePutRecordsProxy();
    private final TestWriterContext context = new TestWriterContext();

    private KinesisSinkWriter<Integer> writer(KinesisSinkConfig config, int recordSize) {
        return new KinesisSinkWriter<>(
                converter(recordSize), context, config, proxy, Collections.emptyList());
    }

    private static void write(KinesisSinkWriter<Integer> writer, int from, int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            writer.write(i, NO_CONTEXT);
        }
    }

    private static List<String> keys(List<KinesisSinkEntry> entries) {
        List<String> keys = new ArrayList<>();
        for (KinesisSinkEntry e : entries) {
            keys.add(e.partitionKey());
        }
        return keys;
    }

    private static List<String> expectedKeys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("key-" + i);
        }
        return keys;
    }

    @Test
    void batchesAtMostFiveHundredRecordsPerCall() throws Exception {
        KinesisSinkWriter<Integer> writer = writer(KinesisSinkConfig.builder("s").build(), 10);
        write(writer, 0, 1201);
        writer.flush(true);
        context.runMails();

        assertThat(proxy.calls())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(500));
        assertThat(proxy.calls().get(0)).hasSize(500);
        assertThat(keys(proxy.stored())).containsExactlyInAnyOrderElementsOf(expectedKeys(1201));
    }

    @Test
    void honoursASmallerConfiguredBatchSize() throws Exception {
        KinesisSinkWriter<Integer> writer =
                writer(KinesisSinkConfig.builder("s").maxBatchSize(7).build(), 10);
        write(writer, 0, 50);
        writer.flush(true);
        context.runMails();
        assertThat(proxy.calls()).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(7));
        assertThat(keys(proxy.stored())).containsExactlyInAnyOrderElementsOf(expectedKeys(50));
    }

    @Test
    void keepsEachCallWithinFiveMebibytes() throws Exception {
        KinesisSinkWriter<Integer> writer =
                writer(KinesisSinkConfig.builder("s").build(), 1_000_000);
        write(writer, 0, 23);
        writer.flush(true);
        context.runMails();

        for (List<KinesisSinkEntry> call : proxy.calls()) {
            long bytes = call.stream().mapToLong(KinesisSinkEntry::sizeInBytes).sum();
            assertThat(bytes).isLessThanOrEqualTo(5 * MIB);
        }
        // 5 records of ~1 MB fit in 5 MiB, a sixth does not.
        assertThat(proxy.calls().get(0)).hasSize(5);
        assertThat(keys(proxy.stored())).containsExactlyInAnyOrderElementsOf(expectedKeys(23));
    }

    @Test
    void resendsOnlyFailedEntriesAndLosesNothing() throws Exception {
        proxy.thenRejectEntries("ProvisionedThroughputExceededException", 1, 3, 5)
                .thenRejectEntries("InternalFailure", 0);
        KinesisSinkWriter<Integer> writer =
                writer(KinesisSinkConfig.builder("s").maxBatchSize(10).build(), 10);
        write(writer, 0, 10);
        writer.flush(true);
        context.runMails();

        assertThat(keys(proxy.calls().get(0))).hasSize(10);
        assertThat(keys(proxy.calls().get(1))).containsExactly("key-1", "key-3", "key-5");
        assertThat(keys(proxy.calls().get(2))).containsExactly("key-1");
        assertThat(keys(proxy.stored())).containsExactlyInAnyOrderElementsOf(expectedKeys(10));
        assertThat(writer.metrics().retriedCount()).isEqualTo(4);
        assertThat(writer.metrics().throttledCount()).isEqualTo(3);
    }

    @Test
    void aFatalErrorFailsTheWriterWithItsAdvice() throws Exception {
        proxy.thenFailCall(SdkErrors.service("ResourceNotFoundException", 400));
        KinesisSinkWriter<Integer> writer =
                writer(KinesisSinkConfig.builder("missing-stream").build(), 10);
        write(writer, 0, 3);
        assertThatThrownBy(
                        () -> {
                            writer.flush(true);
                            context.runMails();
                        })
                .hasMessageContaining("Stream 'missing-stream' was not found");
    }

    @Test
    void failOnErrorFailsTheWriterOnAThrottledEntry() throws Exception {
        proxy.thenRejectEntries("ProvisionedThroughputExceededException", 0);
        KinesisSinkWriter<Integer> writer =
                writer(KinesisSinkConfig.builder("s").failOnError(true).build(), 10);
        write(writer, 0, 3);
        assertThatThrownBy(
                        () -> {
                            writer.flush(true);
                            context.runMails();
                        })
                .hasMessageContaining("'sink.fail-on-error' is true");
    }

    @Test
    void rejectsAnOversizedRecordNamingTheOption() throws Exception {
        KinesisSinkWriter<Integer> writer =
                writer(KinesisSinkConfig.builder("s").maxRecordSizeInBytes(1000).build(), 1000);
        assertThatThrownBy(() -> writer.write(1, NO_CONTEXT))
                .isInstanceOf(KinesisSinkException.class)
                .hasMessageContaining("'sink.record.max-size' (1000 bytes)")
                .hasMessageContaining("1005 bytes"); // 1000 data + "key-1"
        assertThat(proxy.calls()).isEmpty();
    }

    @Test
    void bufferedEntriesSurviveASnapshotAndARestore() throws Exception {
        KinesisSinkWriter<Integer> writer = writer(KinesisSinkConfig.builder("s").build(), 10);
        write(writer, 0, 42); // below every flush threshold: all still buffered
        writer.flush(false); // what the checkpoint does before snapshotting
        List<BufferedRequestState<KinesisSinkEntry>> state = writer.snapshotState(1);
        assertThat(proxy.calls()).isEmpty();

        KinesisSinkEntrySerializer serializer = new KinesisSinkEntrySerializer();
        BufferedRequestState<KinesisSinkEntry> restored =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state.get(0)));

        FakePutRecordsProxy afterFailover = new FakePutRecordsProxy();
        KinesisSinkWriter<Integer> restoredWriter =
                new KinesisSinkWriter<>(
                        converter(10),
                        context,
                        KinesisSinkConfig.builder("s").build(),
                        afterFailover,
                        List.of(restored));
        restoredWriter.flush(true);
        context.runMails();
        assertThat(keys(afterFailover.stored()))
                .containsExactlyInAnyOrderElementsOf(expectedKeys(42));
    }

    @Test
    void backpressuresInsteadOfBufferingWithoutBound() throws Exception {
        FakePutRecordsProxy holding = new FakePutRecordsProxy().holdCalls();
        KinesisSinkWriter<Integer> writer =
                new KinesisSinkWriter<>(
                        converter(10),
                        context,
                        KinesisSinkConfig.builder("s")
                                .maxBatchSize(10)
                                .maxBufferedRequests(20)
                                .maxInFlightRequests(1)
                                .build(),
                        holding,
                        Collections.emptyList());
        write(writer, 0, 30); // 10 in the one call allowed in flight, 20 buffered
        assertThat(holding.calls()).hasSize(1);

        // A 31st record would exceed the buffer: the writer yields to the task's mailbox, waiting
        // for the call to finish (Flink backpressure). The test mailbox has nothing to run yet.
        assertThatThrownBy(() -> writer.write(30, NO_CONTEXT))
                .hasMessageContaining("would wait forever");
        assertThat(holding.calls()).hasSize(1);

        holding.pendingCalls().get(0).complete(PutRecordsResult.allSucceeded());
        context.runMails(); // the completion frees the slot: the next batch goes out
        assertThat(holding.calls()).hasSize(2);
        assertThat(keys(holding.calls().get(1)))
                .containsExactlyElementsOf(
                        List.of(
                                "key-10", "key-11", "key-12", "key-13", "key-14", "key-15",
                                "key-16", "key-17", "key-18", "key-19"));
    }

    @Test
    void closeClosesTheProxy() throws Exception {
        writer(KinesisSinkConfig.builder("s").build(), 10).close();
        assertThat(proxy.isClosed()).isTrue();
    }

    @Test
    void entriesKeepTheirSizes() {
        RequestEntryWrapper<KinesisSinkEntry> wrapper =
                new RequestEntryWrapper<>(new KinesisSinkEntry(new byte[3], "é", null), 5);
        assertThat(wrapper.getRequestEntry().sizeInBytes()).isEqualTo(5);
    }

    private static final SinkWriter.Context NO_CONTEXT =
            new SinkWriter.Context() {
                @Override
                public long currentWatermark() {
                    return 0;
                }

                @Override
                public Long timestamp() {
                    return null;
                }
            };
}
