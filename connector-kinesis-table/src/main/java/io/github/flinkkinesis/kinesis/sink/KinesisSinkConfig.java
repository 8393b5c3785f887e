package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisLimits;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The validated settings of one Kinesis sink (batching, buffering, limits, error policy) as a small
 * serializable value, built with {@link #builder(String)}. The builder's defaults equal the
 * defaults of the table options (a test pins them to each other).
 *
 * <p>The range rules live here once, as {@code ...Problem} methods that return what is wrong with a
 * value (or null): the builder reports a problem naming its setting, the table factory naming the
 * option key the user wrote.
 */
@PublicEvolving
public final class KinesisSinkConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final StreamId stream;
    private final boolean failOnError;
    private final int maxBatchSize;
    private final int maxInFlightRequests;
    private final int maxBufferedRequests;
    private final long maxBatchSizeInBytes;
    private final long maxTimeInBufferMs;
    private final long maxRecordSizeInBytes;
    private final boolean aggregationEnabled;
    private final int aggregationMaxCount;
    private final long aggregationMaxSizeInBytes;
    private final long retryMaxDurationMs;

    private KinesisSinkConfig(Builder b) {
        this.stream = b.stream;
        this.failOnError = b.failOnError;
        this.maxBatchSize = b.maxBatchSize;
        this.maxInFlightRequests = b.maxInFlightRequests;
        this.maxBufferedRequests = b.maxBufferedRequests;
        this.maxBatchSizeInBytes = b.maxBatchSizeInBytes;
        this.maxTimeInBufferMs = b.maxTimeInBufferMs;
        this.maxRecordSizeInBytes = b.maxRecordSizeInBytes;
        this.aggregationEnabled = b.aggregationEnabled;
        this.aggregationMaxCount = b.aggregationMaxCount;
        this.aggregationMaxSizeInBytes = b.aggregationMaxSizeInBytes;
        this.retryMaxDurationMs = b.retryMaxDurationMs;
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

    // ------------------------------------------------------------ rules, one place for both roads

    /** What is wrong with a number of records per PutRecords call, or null. */
    @Nullable
    public static String batchSizeProblem(int records) {
        return records >= 1 && records <= KinesisLimits.MAX_RECORDS_PER_PUT
                ? null
                : "must be between 1 and "
                        + KinesisLimits.MAX_RECORDS_PER_PUT
                        + " (records per PutRecords call, Kinesis' limit)";
    }

    /** What is wrong with a number of PutRecords calls in flight, or null. */
    @Nullable
    public static String inFlightProblem(int requests) {
        return requests >= 1 ? null : "must be at least 1";
    }

    /**
     * What is wrong with a number of buffered records, or null.
     *
     * @param batchSizeName how the batch size is called where the error is shown
     */
    @Nullable
    public static String bufferedProblem(int buffered, int batchSize, String batchSizeName) {
        return buffered > batchSize
                ? null
                : "must be greater than " + batchSizeName + " (" + batchSize + ")";
    }

    /** What is wrong with the bytes of one PutRecords call, or null. */
    @Nullable
    public static String batchBytesProblem(long bytes) {
        return bytes >= 1 && bytes <= KinesisLimits.MAX_BYTES
                ? null
                : "must be between 1 byte and 10 MiB (bytes per PutRecords call; 5 MiB, the"
                        + " default, is the limit that holds everywhere)";
    }

    /** What is wrong with the longest time in the buffer, or null. */
    @Nullable
    public static String bufferTimeProblem(long millis) {
        return millis >= 1 ? null : "must be at least 1 ms";
    }

    /** What is wrong with the largest record, alone, or null. */
    @Nullable
    public static String recordBytesProblem(long bytes) {
        return bytes >= 1 && bytes <= KinesisLimits.MAX_BYTES
                ? null
                : "must be between 1 byte and 10 MiB (the largest record a Kinesis stream can be"
                        + " configured to accept)";
    }

    /** What is wrong with the longest time a record may keep failing, or null. */
    @Nullable
    public static String retryDurationProblem(long millis) {
        return millis >= 0 ? null : "must not be negative (0 retries without a bound)";
    }

    /**
     * What is wrong with the largest record next to the bytes of one call, or null.
     *
     * @param batchBytesName how the call's byte limit is called where the error is shown
     */
    @Nullable
    public static String recordFitsProblem(
            long recordBytes, long batchBytes, String batchBytesName, Object batchBytesShown) {
        return recordBytes <= batchBytes
                ? null
                : "must not exceed "
                        + batchBytesName
                        + " ("
                        + batchBytesShown
                        + "), since a record must fit in one PutRecords call: raise "
                        + batchBytesName
                        + " too";
    }

    /** The smallest KPL aggregate size limit: a little more than the aggregate's framing. */
    public static final long MIN_AGGREGATION_BYTES = 64;

    /** What is wrong with a number of user records per KPL aggregate, or null. */
    @Nullable
    public static String aggregationCountProblem(int records) {
        return records >= 1 ? null : "must be between 1 and " + Integer.MAX_VALUE;
    }

    /** What is wrong with the largest KPL aggregate, or null. */
    @Nullable
    public static String aggregationBytesProblem(long bytes) {
        return bytes >= MIN_AGGREGATION_BYTES && bytes <= KinesisLimits.MAX_BYTES
                ? null
                : "must be between "
                        + MIN_AGGREGATION_BYTES
                        + " bytes and 10 MiB (an aggregated record is at most this and at most the"
                        + " record limit)";
    }

    // ------------------------------------------------------------ values

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

    /** Whether user records are packed into KPL aggregated records. */
    public boolean aggregationEnabled() {
        return aggregationEnabled;
    }

    /** The most user records in one KPL aggregated record. */
    public int aggregationMaxCount() {
        return aggregationMaxCount;
    }

    /**
     * The largest KPL aggregated record (data plus partition key); aggregates are also never larger
     * than {@link #maxRecordSizeInBytes()}.
     */
    public long aggregationMaxSizeInBytes() {
        return aggregationMaxSizeInBytes;
    }

    /**
     * How long, in ms, a record may keep failing with retryable errors (throttling, transient
     * failures) before the job fails; 0 for no bound.
     */
    public long retryMaxDurationMs() {
        return retryMaxDurationMs;
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
                && maxRecordSizeInBytes == that.maxRecordSizeInBytes
                && aggregationEnabled == that.aggregationEnabled
                && aggregationMaxCount == that.aggregationMaxCount
                && aggregationMaxSizeInBytes == that.aggregationMaxSizeInBytes
                && retryMaxDurationMs == that.retryMaxDurationMs;
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
                + ", aggregationEnabled="
                + aggregationEnabled
                + ", aggregationMaxCount="
                + aggregationMaxCount
                + ", aggregationMaxSizeInBytes="
                + aggregationMaxSizeInBytes
                + ", retryMaxDurationMs="
                + retryMaxDurationMs
                + "}";
    }

    /** Builder with the connector's defaults; {@link #build()} checks the values are coherent. */
    @PublicEvolving
    public static final class Builder {
        private final StreamId stream;
        private boolean failOnError = false;
        private int maxBatchSize = KinesisLimits.MAX_RECORDS_PER_PUT;
        private int maxInFlightRequests = 50;
        private int maxBufferedRequests = 10_000;
        private long maxBatchSizeInBytes = 5L * 1024 * 1024;
        private long maxTimeInBufferMs = 5_000;
        private long maxRecordSizeInBytes = 1024L * 1024;
        private boolean aggregationEnabled = false;
        private int aggregationMaxCount = KinesisLimits.MAX_RECORDS_PER_PUT;
        private long aggregationMaxSizeInBytes = 50L * 1024;
        private long retryMaxDurationMs = 5 * 60_000;

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

        public Builder aggregationEnabled(boolean value) {
            this.aggregationEnabled = value;
            return this;
        }

        public Builder aggregationMaxCount(int value) {
            this.aggregationMaxCount = value;
            return this;
        }

        public Builder aggregationMaxSizeInBytes(long value) {
            this.aggregationMaxSizeInBytes = value;
            return this;
        }

        /** How long a record may keep failing before the job fails; zero for no bound. */
        public Builder retryMaxDuration(Duration value) {
            this.retryMaxDurationMs = value.toMillis();
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first wrong setting
         */
        public KinesisSinkConfig build() {
            check("maxBatchSize", maxBatchSize, batchSizeProblem(maxBatchSize));
            check("maxInFlightRequests", maxInFlightRequests, inFlightProblem(maxInFlightRequests));
            check(
                    "maxBufferedRequests",
                    maxBufferedRequests,
                    bufferedProblem(maxBufferedRequests, maxBatchSize, "maxBatchSize"));
            check(
                    "maxBatchSizeInBytes",
                    maxBatchSizeInBytes,
                    batchBytesProblem(maxBatchSizeInBytes));
            check(
                    "maxRecordSizeInBytes",
                    maxRecordSizeInBytes,
                    recordBytesProblem(maxRecordSizeInBytes));
            check(
                    "maxRecordSizeInBytes",
                    maxRecordSizeInBytes,
                    recordFitsProblem(
                            maxRecordSizeInBytes,
                            maxBatchSizeInBytes,
                            "maxBatchSizeInBytes",
                            maxBatchSizeInBytes));
            check(
                    "maxTimeInBuffer",
                    maxTimeInBufferMs + " ms",
                    bufferTimeProblem(maxTimeInBufferMs));
            check(
                    "aggregationMaxCount",
                    aggregationMaxCount,
                    aggregationCountProblem(aggregationMaxCount));
            check(
                    "aggregationMaxSizeInBytes",
                    aggregationMaxSizeInBytes,
                    aggregationBytesProblem(aggregationMaxSizeInBytes));
            check(
                    "retryMaxDuration",
                    retryMaxDurationMs + " ms",
                    retryDurationProblem(retryMaxDurationMs));
            return new KinesisSinkConfig(this);
        }

        private static void check(String setting, Object value, @Nullable String problem) {
            if (problem != null) {
                throw new IllegalArgumentException(
                        "Invalid Kinesis sink: " + setting + " (" + value + ") " + problem);
            }
        }
    }
}
