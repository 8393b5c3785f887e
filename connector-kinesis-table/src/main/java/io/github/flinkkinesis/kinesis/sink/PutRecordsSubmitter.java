package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.aws.AwsFailures;
import io.github.flinkkinesis.aws.FlatFailure;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch through the {@link PutRecordsProxy} and tells the writer's {@link ResultHandler}
 * what became of it: all stored ({@code complete}), some or all to be sent again ({@code
 * retryForEntries}, exactly the failed entries, never the stored ones) or a fatal failure ({@code
 * completeExceptionally}, with a message saying what to do).
 *
 * <p>The policy, in order: an entry or call error that {@link KinesisErrorClassifier} calls fatal
 * fails the job; with {@code sink.fail-on-error} any failed entry fails the job; everything else is
 * retried (the SDK already backed off on whole-call throttling and 5xx, and the writer's rate
 * limiter shrinks its in-flight window after failures) until a record has kept failing for longer
 * than {@code sink.retry.max-duration} ({@link RetryBound}), which fails the job naming the stream,
 * the error and the records pending. Kept apart from the writer so the policy can be tested without
 * a Flink task around it.
 */
@Internal
final class PutRecordsSubmitter {

    private static final Logger LOG = LoggerFactory.getLogger(PutRecordsSubmitter.class);

    private final KinesisSinkConfig config;
    private final PutRecordsProxy proxy;
    private final KinesisSinkMetrics metrics;
    private final RetryBound retryBound;

    public PutRecordsSubmitter(
            KinesisSinkConfig config, PutRecordsProxy proxy, KinesisSinkMetrics metrics) {
        this(config, proxy, metrics, System::nanoTime);
    }

    /** With the clock of the retry bound given (nanoseconds), so that tests need not wait. */
    PutRecordsSubmitter(
            KinesisSinkConfig config,
            PutRecordsProxy proxy,
            KinesisSinkMetrics metrics,
            LongSupplier nanoClock) {
        this.config = config;
        this.proxy = proxy;
        this.metrics = metrics;
        this.retryBound = new RetryBound(config.retryMaxDurationMs(), nanoClock);
    }

    /**
     * Sends {@code batch}; exactly one method of {@code handler} is called, maybe on another
     * thread.
     */
    public void submit(List<KinesisSinkEntry> batch, ResultHandler<KinesisSinkEntry> handler) {
        long start = System.nanoTime();
        CompletableFuture<PutRecordsResult> call;
        try {
            call = proxy.putRecords(batch);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete(
                (result, error) -> {
                    metrics.callCompleted((System.nanoTime() - start) / 1_000_000);
                    try {
                        if (error != null) {
                            onCallFailed(batch, error, handler);
                        } else if (result.failedCount() == 0) {
                            retryBound.stored(batch);
                            handler.complete();
                        } else {
                            onEntriesFailed(batch, result, handler);
                        }
                    } catch (RuntimeException e) {
                        // A bug here must not leave the request in flight forever.
                        handler.completeExceptionally(e);
                    }
                });
    }

    private void onCallFailed(
            List<KinesisSinkEntry> batch,
            Throwable error,
            ResultHandler<KinesisSinkEntry> handler) {
        Throwable cause = KinesisErrorClassifier.unwrap(error);
        ErrorKind kind = KinesisErrorClassifier.classify(cause);
        metrics.entriesFailed(batch.size());
        if (kind == ErrorKind.THROTTLED) {
            metrics.entriesThrottled(batch.size());
        }
        String code = KinesisErrorClassifier.errorCode(cause);
        String what =
                "PutRecords of "
                        + batch.size()
                        + " records to stream '"
                        + config.stream()
                        + "' failed: "
                        + (code != null ? code + ": " : cause.getClass().getName() + ": ")
                        + cause.getMessage();
        String overdue =
                kind.isRetryable() && !config.failOnError()
                        ? pastRetryBound(
                                batch, code != null ? code : cause.getClass().getName(), what)
                        : null;
        // the SDK's exception is suppressed, not the cause: SQL clients and the web UI's root
        // exception show only the deepest cause, and this message is the one saying what to do
        if (!kind.isRetryable()) {
            handler.completeExceptionally(
                    FlatFailure.suppressInto(new KinesisSinkException(fatal(what, code)), cause));
        } else if (config.failOnError()) {
            handler.completeExceptionally(
                    FlatFailure.suppressInto(new KinesisSinkException(failOnError(what)), cause));
        } else if (overdue != null) {
            handler.completeExceptionally(
                    FlatFailure.suppressInto(new KinesisSinkException(overdue), cause));
        } else {
            // e.g. credentials that cannot be loaded are retried (IMDS, STS or ECS may be down
            // for a moment), but the log says what to check if they never come
            LOG.warn(
                    "{} Retrying the whole batch ({}).{}",
                    what,
                    kind,
                    AwsFailures.advice(cause, "Kinesis")
                            .map(a -> " If this persists: " + a)
                            .orElse(""));
            metrics.entriesRetried(batch.size());
            handler.retryForEntries(batch);
        }
    }

    private void onEntriesFailed(
            List<KinesisSinkEntry> batch,
            PutRecordsResult result,
            ResultHandler<KinesisSinkEntry> handler) {
        List<KinesisSinkEntry> retry = new ArrayList<>(result.failedCount());
        List<KinesisSinkEntry> stored = new ArrayList<>(batch.size() - result.failedCount());
        int throttled = 0;
        String firstFatal = null;
        String firstFailure = null;
        String firstCode = null;
        for (int i = 0; i < batch.size(); i++) {
            String code = result.errorCode(i);
            if (code == null) {
                stored.add(batch.get(i));
                continue;
            }
            ErrorKind kind = KinesisErrorClassifier.classifyEntryError(code);
            if (kind == ErrorKind.THROTTLED) {
                throttled++;
            }
            if (firstFailure == null) {
                firstFailure = describeEntry(batch.get(i), code, result.errorMessage(i));
                firstCode = code;
            }
            if (!kind.isRetryable() && firstFatal == null) {
                firstFatal = fatal(describeEntry(batch.get(i), code, result.errorMessage(i)), code);
            }
            retry.add(batch.get(i));
        }
        metrics.entriesFailed(retry.size());
        metrics.entriesThrottled(throttled);
        retryBound.stored(stored);
        String overdue =
                firstFatal == null && !config.failOnError()
                        ? pastRetryBound(
                                retry,
                                firstCode,
                                retry.size()
                                        + " of "
                                        + batch.size()
                                        + " records of the last call were rejected; the first: "
                                        + firstFailure)
                        : null;
        if (firstFatal != null) {
            handler.completeExceptionally(new KinesisSinkException(firstFatal));
        } else if (config.failOnError()) {
            handler.completeExceptionally(
                    new KinesisSinkException(
                            failOnError(
                                    retry.size()
                                            + " of "
                                            + batch.size()
                                            + " records were rejected; the first: "
                                            + firstFailure)));
        } else if (overdue != null) {
            handler.completeExceptionally(new KinesisSinkException(overdue));
        } else {
            LOG.debug(
                    "{} of {} records to stream '{}' failed ({} throttled), retrying them; first:"
                            + " {}",
                    retry.size(),
                    batch.size(),
                    config.stream(),
                    throttled,
                    firstFailure);
            metrics.entriesRetried(retry.size());
            handler.retryForEntries(retry);
        }
    }

    /**
     * The message that fails the job when a record of {@code failed} has kept failing for longer
     * than {@code sink.retry.max-duration}, else null.
     */
    private String pastRetryBound(List<KinesisSinkEntry> failed, String code, String what) {
        long failingForMs = retryBound.failed(failed);
        if (failingForMs < 0) {
            return null;
        }
        return "Records to stream '"
                + config.stream()
                + "' kept failing with "
                + code
                + " for "
                + failingForMs
                + " ms, longer than 'sink.retry.max-duration' ("
                + config.retryMaxDurationMs()
                + " ms); "
                + retryBound.pending()
                + " records were pending retry and are not dropped: the job fails and restarts"
                + " from its last checkpoint. Raise 'sink.retry.max-duration' (0 retries"
                + " without a bound), add shards if the stream is throttled, or fix what makes"
                + " the calls fail. The last failure: "
                + what;
    }

    private String describeEntry(KinesisSinkEntry entry, String code, String message) {
        return "Kinesis rejected a record for stream '"
                + config.stream()
                + "' (partition key '"
                + entry.partitionKey()
                + "', "
                + entry.data().length
                + " bytes): "
                + code
                + (message != null ? ": " + message : "");
    }

    /** The advice first, when there is one: it is the sentence a user needs. */
    private String fatal(String what, String code) {
        String advice = KinesisErrorClassifier.advice(code, config.stream());
        if (advice != null) {
            return advice
                    + " ("
                    + (what.endsWith(".") ? what.substring(0, what.length() - 1) : what)
                    + ")";
        }
        return what
                + (what.endsWith(".") ? " " : ". ")
                + "This error is not retryable; fix its cause and restart the job.";
    }

    private static String failOnError(String what) {
        return what
                + (what.endsWith(".") ? " " : ". ")
                + "The job fails because 'sink.fail-on-error' is true; set it to false to retry"
                + " throttling and transient errors instead.";
    }
}
