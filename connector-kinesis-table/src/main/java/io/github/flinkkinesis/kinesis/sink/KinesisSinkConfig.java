package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.proxy.StreamId;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated settings of one Kinesis sink (batching, buffering, limits, error policy) as a small
 * serializable value, built with {@link #builder(String)}. Defaults match the options in {@code
 * KinesisConnectorOptions}; the factory validates user input before building one.
 */
public final class KinesisSinkConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Kinesis' limit of records per PutRecords call. */
    public static final int MAX_RECORDS_PER_CALL = 500;

    /** Kinesis' largest record and PutRecords call (since 2025; before it was 1 and 5 MiB). */
    public static final long MAX_BYTES_LIMIT = 10L * 1024 * 1024;

    private final StreamId stream;
    private final boolean failOnError;
    private final int maxBatchSize;
    private final int maxInFlightRequests;
    private final int maxBufferedRequests;
    private final long maxBatchSizeInBytes;
    private final long maxTimeInBufferMs;
    private final long maxRecordSizeInBytes;

    private KinesisSinkConfig(Builder b) {
        this.stream = b.stream;
        this.failOnError = b.failOnError;
        this.maxBatchSize = b.maxBatchSize;
        this.maxInFlightRequests = b.maxInFlightRequests;
        this.maxBufferedRequests = b.maxBufferedRequests;
        this.maxBatchSizeInBytes = b.maxBatchSizeInBytes;
        this.maxTimeInBufferMs = b.maxTimeInBufferMs;
        this.maxRecordSizeInBytes = b.maxRecordSizeInBytes;
    }

    /**
     * @throws IllegalArgumentException if {@code stream} is not a valid stream name or ARN
     */
    public static Builder builder(String stream) {
        return new Builder(StreamId.parse(stream));
    }

    public static Builder builder(StreamId stream) {
        return new Builder(stream);
    }

    /** The stream name or ARN as the user gave it, for error messages. */
    public String stream() {
        return stream.toString();
    }

    /** The parsed stream, for calls. */
    public StreamId streamId() {
        return stream;
    }

    public boolean failOnError() {
        return failOnError;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    public int maxInFlightRequests() {
        return maxInFlightRequests;
    }

    public int maxBufferedRequests() {
        return maxBufferedRequests;
    }

    public long maxBatchSizeInBytes() {
        return maxBatchSizeInBytes;
    }

    public long maxTimeInBufferMs() {
        return maxTimeInBufferMs;
    }

    public long maxRecordSizeInBytes() {
        return maxRecordSizeInBytes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisSinkConfig)) {
            return false;
        }
        KinesisSinkConfig that = (KinesisSinkConfig) o;
        return stream.equals(that.stream)
                && failOnError == that.failOnError
                && maxBatchSize == that.maxBatchSize
                && maxInFlightRequests == that.maxInFlightRequests
                && maxBufferedRequests == that.maxBufferedRequests
                && maxBatchSizeInBytes == that.maxBatchSizeInBytes
                && maxTimeInBufferMs == that.maxTimeInBufferMs
                && maxRecordSizeInBytes == that.maxRecordSizeInBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, failOnError, maxBatchSize, maxBatchSizeInBytes);
    }

    @Override
    public String toString() {
        return "KinesisSinkConfig{stream='"
                + stream
                + "', failOnError="
                + failOnError
                + ", maxBatchSize="
                + maxBatchSize
                + ", maxInFlightRequests="
                + maxInFlightRequests
                + ", maxBufferedRequests="
                + maxBufferedRequests
                + ", maxBatchSizeInBytes="
                + maxBatchSizeInBytes
                + ", maxTimeInBufferMs="
                + maxTimeInBufferMs
                + ", maxRecordSizeInBytes="
                + maxRecordSizeInBytes
                + "}";
    }

    /** Builder with the connector's defaults; {@link #build()} checks the values are coherent. */
    public static final class Builder {
        private final StreamId stream;
        private boolean failOnError = false;
        private int maxBatchSize = MAX_RECORDS_PER_CALL;
        private int maxInFlightRequests = 50;
        private int maxBufferedRequests = 10_000;
        private long maxBatchSizeInBytes = 5L * 1024 * 1024;
        private long maxTimeInBufferMs = 5_000;
        private long maxRecordSizeInBytes = 1024L * 1024;

        private Builder(StreamId stream) {
            this.stream = Objects.requireNonNull(stream, "stream");
        }

        public Builder failOnError(boolean value) {
            this.failOnError = value;
            return this;
        }

        public Builder maxBatchSize(int value) {
            this.maxBatchSize = value;
            return this;
        }

        public Builder maxInFlightRequests(int value) {
            this.maxInFlightRequests = value;
            return this;
        }

        public Builder maxBufferedRequests(int value) {
            this.maxBufferedRequests = value;
            return this;
        }

        public Builder maxBatchSizeInBytes(long value) {
            this.maxBatchSizeInBytes = value;
            return this;
        }

        public Builder maxTimeInBuffer(Duration value) {
            this.maxTimeInBufferMs = value.toMillis();
            return this;
        }

        public Builder maxRecordSizeInBytes(long value) {
            this.maxRecordSizeInBytes = value;
            return this;
        }

        public KinesisSinkConfig build() {
            check(
                    maxBatchSize >= 1 && maxBatchSize <= MAX_RECORDS_PER_CALL,
                    "maxBatchSize must be 1.." + MAX_RECORDS_PER_CALL);
            check(maxInFlightRequests >= 1, "maxInFlightRequests must be at least 1");
            check(
                    maxBufferedRequests > maxBatchSize,
                    "maxBufferedRequests must be greater than maxBatchSize");
            check(
                    maxBatchSizeInBytes >= 1 && maxBatchSizeInBytes <= MAX_BYTES_LIMIT,
                    "maxBatchSizeInBytes must be 1.." + MAX_BYTES_LIMIT);
            check(
                    maxRecordSizeInBytes >= 1 && maxRecordSizeInBytes <= maxBatchSizeInBytes,
                    "maxRecordSizeInBytes must be 1..maxBatchSizeInBytes");
            check(maxTimeInBufferMs >= 1, "maxTimeInBuffer must be positive");
            return new KinesisSinkConfig(this);
        }

        private static void check(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
