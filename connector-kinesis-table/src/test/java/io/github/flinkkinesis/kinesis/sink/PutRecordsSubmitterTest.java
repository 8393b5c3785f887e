package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakePutRecordsProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.RecordingResultHandler;
import io.github.flinkkinesis.kinesis.testutil.fakes.SdkErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class PutRecordsSubmitterTest {

    private final FakePutRecordsProxy proxy = new FakePutRecordsProxy();
    private final KinesisSinkMetrics metrics =
            new KinesisSinkMetrics(UnregisteredMetricsGroup.createSinkWriterMetricGroup());

    private PutRecordsSubmitter submitter(boolean failOnError) {
        return new PutRecordsSubmitter(
                KinesisSinkConfig.builder("orders").failOnError(failOnError).build(),
                proxy,
                metrics);
    }

    private static List<KinesisSinkEntry> entries(int n) {
        List<KinesisSinkEntry> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(
                    new KinesisSinkEntry(
                            ("value-" + i).getBytes(StandardCharsets.UTF_8), "key-" + i, null));
        }
        return list;
    }

    /** A submitter whose retry bound is {@code maxRetry} on the test's clock. */
    private PutRecordsSubmitter bounded(java.time.Duration maxRetry, long[] nanos) {
        return new PutRecordsSubmitter(
                KinesisSinkConfig.builder("orders").retryMaxDuration(maxRetry).build(),
                proxy,
                metrics,
                () -> nanos[0]);
    }

    private static final long MINUTE_NANOS = 60_000_000_000L;

    @Test
    void aCallThatKeepsFailingPastTheRetryBoundFailsTheJob() {
        long[] now = {0};
        PutRecordsSubmitter submitter = bounded(java.time.Duration.ofMinutes(2), now);
        List<KinesisSinkEntry> batch = entries(3);
        for (long minute = 0; minute <= 2; minute++) {
            now[0] = minute * MINUTE_NANOS;
            proxy.thenFailCall(SdkErrors.service("InternalFailure", 500));
            RecordingResultHandler handler = new RecordingResultHandler();
            submitter.submit(batch, handler);
            assertThat(handler.retried()).as("minute %d", minute).isEqualTo(batch);
        }
        now[0] = 2 * MINUTE_NANOS + 1_000_000;
        proxy.thenFailCall(SdkErrors.service("InternalFailure", 500));
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter.submit(batch, handler);
        assertThat(handler.retried()).isNull();
        assertThat(handler.failure())
                .isInstanceOf(KinesisSinkException.class)
                .hasMessageStartingWith(
                        "Records to stream 'orders' kept failing with InternalFailure for 120001"
                                + " ms, longer than 'sink.retry.max-duration' (120000 ms); 3"
                                + " records were pending retry and are not dropped")
                .hasMessageContaining("PutRecords of 3 records to stream 'orders' failed");
    }

    @Test
    void entriesThrottledPastTheRetryBoundFailTheJobCountingThePendingOnes() {
        long[] now = {0};
        PutRecordsSubmitter submitter = bounded(java.time.Duration.ofMinutes(1), now);
        List<KinesisSinkEntry> batch = entries(4);
        proxy.thenRejectEntries("ProvisionedThroughputExceededException", 1, 2);
        RecordingResultHandler first = new RecordingResultHandler();
        submitter.submit(batch, first);
        assertThat(first.retried()).containsExactly(batch.get(1), batch.get(2));

        now[0] = MINUTE_NANOS + 1;
        List<KinesisSinkEntry> again = List.of(batch.get(1), batch.get(2));
        proxy.thenRejectEntries("ProvisionedThroughputExceededException", 0, 1);
        RecordingResultHandler second = new RecordingResultHandler();
        submitter.submit(again, second);
        assertThat(second.retried()).isNull();
        assertThat(second.failure())
                .hasMessageContaining("stream 'orders'")
                .hasMessageContaining("ProvisionedThroughputExceededException")
                .hasMessageContaining("2 records were pending retry")
                .hasMessageContaining("partition key 'key-1'");
    }

    @Test
    void aStoredRecordNoLongerCountsTowardsTheRetryBound() {
        long[] now = {0};
        PutRecordsSubmitter submitter = bounded(java.time.Duration.ofMinutes(1), now);
        List<KinesisSinkEntry> batch = entries(2);
        proxy.thenRejectEntries("ProvisionedThroughputExceededException", 0);
        submitter.submit(batch, new RecordingResultHandler());
        now[0] = MINUTE_NANOS / 2;
        RecordingResultHandler stored = new RecordingResultHandler();
        submitter.submit(List.of(batch.get(0)), stored);
        assertThat(stored.completed()).isTrue();

        // later failures of other records start their own clock
        now[0] = 2 * MINUTE_NANOS;
        List<KinesisSinkEntry> others = entries(1);
        proxy.thenRejectEntries("ProvisionedThroughputExceededException", 0);
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter.submit(others, handler);
        assertThat(handler.retried()).isEqualTo(others);
    }

    @Test
    void aZeroRetryBoundRetriesForever() {
        long[] now = {0};
        PutRecordsSubmitter submitter = bounded(java.time.Duration.ZERO, now);
        List<KinesisSinkEntry> batch = entries(1);
        for (long hour = 0; hour < 48; hour++) {
            now[0] = hour * 60 * MINUTE_NANOS;
            proxy.thenFailCall(SdkErrors.service("ProvisionedThroughputExceededException", 400));
            RecordingResultHandler handler = new RecordingResultHandler();
            submitter.submit(batch, handler);
            assertThat(handler.retried()).isEqualTo(batch);
        }
    }

    @Test
    void aNegativeRetryBoundIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                KinesisSinkConfig.builder("orders")
                                        .retryMaxDuration(java.time.Duration.ofSeconds(-1))
                                        .build())
                .hasMessageContaining("retryMaxDuration")
                .hasMessageContaining("must not be negative");
    }

    @Test
    void completesWhenEveryEntryWasStored() {
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter(false).submit(entries(3), handler);
        assertThat(handler.completed()).isTrue();
        assertThat(handler.outcomes()).isEqualTo(1);
        assertThat(proxy.stored()).hasSize(3);
    }

    @Test
    void retriesExactlyTheFailedEntriesOfAPartialFailure() {
        List<KinesisSinkEntry> batch = entries(6);
        proxy.thenRejectEntries("ProvisionedThroughputExceededException", 1, 4);
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter(false).submit(batch, handler);

        assertThat(handler.outcomes()).isEqualTo(1);
        assertThat(handler.retried()).containsExactly(batch.get(1), batch.get(4));
        assertThat(proxy.stored())
                .containsExactly(batch.get(0), batch.get(2), batch.get(3), batch.get(5));
        assertThat(metrics.retriedCount()).isEqualTo(2);
        assertThat(metrics.throttledCount()).isEqualTo(2);
    }

    @Test
    void retriesTheWholeBatchWhenARetryableCallFails() {
        List<KinesisSinkEntry> batch = entries(4);
        proxy.thenFailCall(SdkErrors.service("InternalFailure", 500));
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter(false).submit(batch, handler);
        assertThat(handler.retried()).isEqualTo(batch);
        assertThat(metrics.retriedCount()).isEqualTo(4);
        assertThat(metrics.throttledCount()).isZero();
    }

    @Test
    void countsThrottledCalls() {
        proxy.thenFailCall(SdkErrors.service("ProvisionedThroughputExceededException", 400));
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter(false).submit(entries(5), handler);
        assertThat(handler.retried()).hasSize(5);
        assertThat(metrics.throttledCount()).isEqualTo(5);
    }

    @Test
    void failsWithAdviceWhenTheStreamDoesNotExist() {
        proxy.thenFailCall(SdkErrors.service("ResourceNotFoundException", 400));
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter(false).submit(entries(2), handler);
        assertThat(handler.retried()).isNull();
        assertThat(handler.failure())
                .isInstanceOf(KinesisSinkException.class)
                .hasMessageContaining("PutRecords of 2 records to stream 'orders' failed")
                .hasMessageContaining("ResourceNotFoundException")
                // what to do comes first; the SDK's exception is suppressed, not the cause, so
                // that SQL clients (which print the deepest cause) print this sentence
                .hasMessageStartingWith("Stream 'orders' was not found")
                .satisfies(
                        e -> {
                            assertThat(e.getCause()).isNull();
                            assertThat(e.getSuppressed()).hasSize(1);
                            assertThat(e.getSuppressed()[0]).hasNoCause();
                        });
    }

    @Test
    void failsOnAFatalEntryErrorNamingTheRecord() {
        List<KinesisSinkEntry> batch = entries(3);
        proxy.thenRejectEntries("KMSDisabledException", 2);
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter(false).submit(batch, handler);
        assertThat(handler.outcomes()).isEqualTo(1);
        assertThat(handler.failure())
                .hasMessageContaining("partition key 'key-2'")
                .hasMessageContaining("KMSDisabledException")
                .hasMessageContaining("is disabled: enable it");
    }

    @Test
    void failOnErrorFailsOnTheFirstRetryableEntryError() {
        proxy.thenRejectEntries("ProvisionedThroughputExceededException", 0);
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter(true).submit(entries(3), handler);
        assertThat(handler.retried()).isNull();
        assertThat(handler.failure())
                .hasMessageContaining("1 of 3 records were rejected")
                .hasMessageContaining("'sink.fail-on-error' is true");
    }

    @Test
    void failOnErrorFailsOnARetryableCallError() {
        proxy.thenFailCall(SdkErrors.service("InternalFailure", 500));
        RecordingResultHandler handler = new RecordingResultHandler();
        submitter(true).submit(entries(1), handler);
        assertThat(handler.failure()).hasMessageContaining("'sink.fail-on-error' is true");
    }

    @Test
    void aProxyThatThrowsIsClassifiedLikeAFailedCall() {
        PutRecordsSubmitter throwing =
                new PutRecordsSubmitter(
                        KinesisSinkConfig.builder("orders").build(),
                        new FakePutRecordsProxy()
                                .thenThrow(SdkErrors.service("AccessDeniedException", 400)),
                        metrics);
        RecordingResultHandler handler = new RecordingResultHandler();
        throwing.submit(entries(1), handler);
        assertThat(handler.failure()).hasMessageContaining("kinesis:PutRecords");
    }
}
