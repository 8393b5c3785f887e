package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.aws.AwsFailures;
import io.github.flinkkinesis.aws.FlatFailure;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * retried without limit (the SDK already backed off on whole-call throttling and 5xx, and the
 * writer's rate limiter shrinks its in-flight window after failures). Kept apart from the writer so
 * the policy can be tested without a Flink task around it.
 */
@Internal
final class PutRecordsSubmitter {

    private static final Logger LOG = LoggerFactory.getLogger(PutRecordsSubmitter.class);

    private final KinesisSinkConfig config;
    private final PutRecordsProxy proxy;
    private final KinesisSinkMetrics metrics;

    public PutRecordsSubmitter(
            KinesisSinkConfig config, PutRecordsProxy proxy, KinesisSinkMetrics metrics) {
        this.config = config;
        this.proxy = proxy;
        this.metrics = metrics;
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
        // the SDK's exception is suppressed, not the cause: SQL clients and the web UI's root
        // exception show only the deepest cause, and this message is the one saying what to do
        if (!kind.isRetryable()) {
            handler.completeExceptionally(
                    FlatFailure.suppressInto(new KinesisSinkException(fatal(what, code)), cause));
        } else if (config.failOnError()) {
            handler.completeExceptionally(
                    FlatFailure.suppressInto(new KinesisSinkException(failOnError(what)), cause));
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
        int throttled = 0;
        String firstFatal = null;
        String firstFailure = null;
        for (int i = 0; i < batch.size(); i++) {
            String code = result.errorCode(i);
            if (code == null) {
                continue;
            }
            ErrorKind kind = KinesisErrorClassifier.classifyEntryError(code);
            if (kind == ErrorKind.THROTTLED) {
                throttled++;
            }
            if (firstFailure == null) {
                firstFailure = describeEntry(batch.get(i), code, result.errorMessage(i));
            }
            if (!kind.isRetryable() && firstFatal == null) {
                firstFatal = fatal(describeEntry(batch.get(i), code, result.errorMessage(i)), code);
            }
            retry.add(batch.get(i));
        }
        metrics.entriesFailed(retry.size());
        metrics.entriesThrottled(throttled);
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
