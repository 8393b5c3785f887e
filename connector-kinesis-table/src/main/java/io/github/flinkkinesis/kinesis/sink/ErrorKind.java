package io.github.flinkkinesis.kinesis.sink;

import org.apache.flink.annotation.Internal;

/** What the sink does with a failed PutRecords call or entry: retry it, or fail the job. */
@Internal
enum ErrorKind {
    /** Kinesis or KMS throttled the write: retried after backoff, counted as a throttle. */
    THROTTLED,
    /** A transient failure (5xx, internal failure, timeout, connection error): retried. */
    RETRYABLE,
    /** Retrying cannot help (missing stream, no permission, invalid record): fails the job. */
    FATAL;

    public boolean isRetryable() {
        return this != FATAL;
    }
}
