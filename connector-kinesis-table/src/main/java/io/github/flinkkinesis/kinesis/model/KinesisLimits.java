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

    private KinesisLimits() {}
}
