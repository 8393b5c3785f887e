package io.github.flinkkinesis.kinesis.sink;

import static io.github.flinkkinesis.kinesis.sink.KplBatchPackerTest.fourShards;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import io.github.flinkkinesis.kinesis.source.kpl.Deaggregated;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakePutRecordsProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.SdkErrors;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestWriterContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Aggregation in front of the PutRecords seam: a batch of user records goes out as a few
 * aggregates, and every user record is answered as the aggregate that carried it was (stored,
 * rejected, or stored in the wrong shard: sent again after the shard map is listed again).
 */
class KplAggregatingProxyTest {

    private final FakePutRecordsProxy fake = new FakePutRecordsProxy().withOpenShards(fourShards());
    private final KinesisSinkMetrics metrics =
            new KinesisSinkMetrics(UnregisteredMetricsGroup.createSinkWriterMetricGroup());

    private static KinesisSinkConfig.Builder config() {
        return KinesisSinkConfig.builder("s").aggregationEnabled(true);
    }

    private static List<KinesisSinkEntry> userRecords(int n, int size) {
        List<KinesisSinkEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new KinesisSinkEntry(new byte[size], "key-" + i, null));
        }
        return entries;
    }

    /**
     * The user records' keys in the aggregates the fake stored, read back by the source's parser.
     */
    private static List<String> storedUserKeys(FakePutRecordsProxy proxy) {
        KplDeaggregator reader = new KplDeaggregator(new UnregisteredMetricsGroup());
        List<String> keys = new ArrayList<>();
        for (KinesisSinkEntry stored : proxy.stored()) {
            Deaggregated read =
                    reader.deaggregate(
                            Record.builder()
                                    .data(SdkBytes.fromByteArray(stored.data()))
                                    .partitionKey(stored.partitionKey())
                                    .sequenceNumber("1")
                                    .build(),
                            "s",
                            "shard",
                            null);
            for (Record user : ((Deaggregated.UserRecords) read).records()) {
                keys.add(user.partitionKey());
            }
        }
        return keys;
    }

    @Test
    void aBatchGoesOutAsOneAggregatePerShardInOneCall() {
        KplAggregatingProxy proxy = new KplAggregatingProxy(fake, config().build(), metrics);
        List<KinesisSinkEntry> batch = userRecords(200, 100);

        PutRecordsResult result = proxy.putRecords(batch).join();

        assertThat(result.failedCount()).isZero();
        assertThat(fake.calls()).singleElement().satisfies(c -> assertThat(c).hasSize(4));
        assertThat(storedUserKeys(fake))
                .containsExactlyInAnyOrderElementsOf(
                        batch.stream().map(KinesisSinkEntry::partitionKey).toList());
        assertThat(metrics.aggregatesSentCount()).isEqualTo(4);
        assertThat(metrics.userRecordsPerAggregate()).isEqualTo(50.0);
        assertThat(fake.listCalls()).isOne();

        proxy.putRecords(userRecords(10, 10)).join();
        assertThat(fake.listCalls()).as("the shard map is kept while it holds").isOne();
    }

    @Test
    void aRejectedAggregateFailsExactlyItsUserRecords() {
        fake.thenAnswer(
                aggregates -> {
                    List<String> codes = new ArrayList<>(Collections.nCopies(4, null));
                    List<String> messages = new ArrayList<>(Collections.nCopies(4, null));
                    codes.set(1, "ProvisionedThroughputExceededException");
                    messages.set(1, "slow down");
                    return PutRecordsResult.partial(codes, messages);
                });
        KplAggregatingProxy proxy = new KplAggregatingProxy(fake, config().build(), metrics);
        List<KinesisSinkEntry> batch = userRecords(200, 100);

        PutRecordsResult result = proxy.putRecords(batch).join();

        List<String> failedKeys = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (result.errorCode(i) != null) {
                assertThat(result.errorCode(i)).isEqualTo("ProvisionedThroughputExceededException");
                assertThat(result.errorMessage(i)).isEqualTo("slow down");
                failedKeys.add(batch.get(i).partitionKey());
            }
        }
        List<String> storedKeys = storedUserKeys(fake);
        assertThat(failedKeys).isNotEmpty().doesNotContainAnyElementsOf(storedKeys);
        assertThat(failedKeys.size() + storedKeys.size()).isEqualTo(200);
    }

    @Test
    void anAggregateInTheWrongShardIsSentAgainAfterTheShardsAreListedAgain() {
        // Kinesis answers that every record went to shard 0: three of four were predicted wrong
        fake.thenAnswer(
                aggregates ->
                        PutRecordsResult.allSucceeded(
                                Collections.nCopies(aggregates.size(), "shardId-000000000000")));
        KplAggregatingProxy proxy = new KplAggregatingProxy(fake, config().build(), metrics);
        List<KinesisSinkEntry> batch = userRecords(200, 100);

        PutRecordsResult result = proxy.putRecords(batch).join();

        int wrong = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (result.errorCode(i) != null) {
                wrong++;
                assertThat(result.errorCode(i)).isEqualTo(KplAggregatingProxy.WRONG_SHARD);
                assertThat(result.errorMessage(i)).contains("shardId-000000000000", "resharded");
            }
        }
        assertThat(wrong).isBetween(100, 199);
        assertThat(metrics.aggregatesInWrongShardCount()).isEqualTo(3);

        proxy.putRecords(userRecords(1, 1)).join();
        assertThat(fake.listCalls()).as("listed again after the wrong shard").isEqualTo(2);
    }

    @Test
    void aBatchPastTheCallsByteLimitIsSplitIntoSeveralCalls() {
        KinesisSinkConfig small =
                config().maxBatchSizeInBytes(3000)
                        .maxRecordSizeInBytes(3000)
                        .aggregationMaxSizeInBytes(2000)
                        .build();
        KplAggregatingProxy proxy = new KplAggregatingProxy(fake, small, metrics);
        List<KinesisSinkEntry> batch = userRecords(100, 100);

        assertThat(proxy.putRecords(batch).join().failedCount()).isZero();

        assertThat(fake.calls()).hasSizeGreaterThan(1);
        for (List<KinesisSinkEntry> call : fake.calls()) {
            assertThat(call.stream().mapToLong(KinesisSinkEntry::sizeInBytes).sum())
                    .isLessThanOrEqualTo(3000);
            assertThat(call).allSatisfy(a -> assertThat(a.sizeInBytes()).isLessThanOrEqualTo(2000));
        }
        assertThat(storedUserKeys(fake)).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void aFailedShardListingFailsTheAttemptAndIsTriedAgain() {
        fake.thenFailListing(SdkErrors.service("LimitExceededException", 400));
        KplAggregatingProxy proxy = new KplAggregatingProxy(fake, config().build(), metrics);

        assertThatThrownBy(() -> proxy.putRecords(userRecords(3, 3)))
                .hasMessageContaining("LimitExceededException");
        assertThat(fake.calls()).isEmpty();

        assertThat(proxy.putRecords(userRecords(3, 3)).join().failedCount()).isZero();
        assertThat(fake.listCalls()).isEqualTo(2);
    }

    @Test
    void theWriterRetriesTheUserRecordsOfFailedAndMisplacedAggregatesAndLosesNone()
            throws Exception {
        fake.thenAnswer(
                        aggregates -> {
                            List<String> codes =
                                    new ArrayList<>(Collections.nCopies(aggregates.size(), null));
                            codes.set(0, "InternalFailure");
                            return PutRecordsResult.partial(
                                    codes, Collections.nCopies(aggregates.size(), null));
                        })
                .thenAnswer(
                        aggregates ->
                                PutRecordsResult.allSucceeded(
                                        Collections.nCopies(aggregates.size(), "elsewhere")));
        TestWriterContext context = new TestWriterContext();
        KinesisSinkWriter<Integer> writer =
                new KinesisSinkWriter<>(
                        (i, ctx) ->
                                new KinesisSinkEntry(
                                        ("v" + i).getBytes(StandardCharsets.UTF_8), "k" + i, null),
                        context,
                        config().maxBatchSize(100).build(),
                        fake,
                        Collections.emptyList());
        for (int i = 0; i < 100; i++) {
            writer.write(i, null);
        }
        writer.flush(true);
        context.runMails();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("k" + i);
        }
        // first attempt: one aggregate rejected; then its records stored in "elsewhere" (a wrong
        // shard, so stored but sent again); then stored where predicted. After a call with a
        // failed entry the writer sends smaller batches (ProportionalRateLimiting), so the retried
        // rows may take more than one call each time.
        assertThat(fake.calls()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(storedUserKeys(fake)).containsAll(expected);
        assertThat(writer.metrics().aggregatesInWrongShardCount()).isOne();
        assertThat(fake.listCalls()).isEqualTo(2);
    }
}
