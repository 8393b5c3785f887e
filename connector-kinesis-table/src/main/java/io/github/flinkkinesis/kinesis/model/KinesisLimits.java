package io.github.flinkkinesis.kinesis.model;

import org.apache.flink.annotation.PublicEvolving;

/** Limits of the Kinesis Data Streams API that the connector's settings are checked against. */
@PublicEvolving
public final class KinesisLimits {

    /** Kinesis answers at most this many records per GetRecords call. */
    public static final int MAX_RECORDS_PER_GET = 10_000;

    /** Records per PutRecords call. */
    public static final int MAX_RECORDS_PER_PUT = 500;

    /**
     * The largest record a stream can be raised to accept, and the most bytes one PutRecords call
     * carries (since 2025; before it was 1 MiB and 5 MiB).
     */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    /**
     * Bytes per second one shard serves to all its polling consumers together; a GetRecords answer
     * of B bytes makes the shard's calls in the next B / this seconds fail (so a 10 MiB answer
     * blocks the next 5 s).
     */
    public static final long READ_BYTES_PER_SECOND_PER_SHARD = 2L * 1024 * 1024;

    private KinesisLimits() {}
}
