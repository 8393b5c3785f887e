package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.proxy.StreamId;
import io.github.flinkkinesis.kinesis.source.split.StartingPosition;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The settings of one {@link KinesisSource}, validated by {@link KinesisSourceBuilder}: which
 * stream, where new shards start, where a bounded read stops, and the polling pace. Serializable,
 * because it travels with the job to the enumerator and the readers.
 */
public final class KinesisSourceConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Kinesis answers at most this many records per GetRecords call. */
    public static final int MAX_RECORDS_PER_GET = 10_000;

    private final StreamId stream;
    private final StartingPosition initialPosition;
    private final StopCondition.Kind stopKind;
    @Nullable private final Instant stopTimestamp;
    private final Duration shardDiscoveryInterval;
    private final int getRecordsMaxCount;
    private final Duration emptyFetchInterval;
    private final Duration nonEmptyFetchInterval;
    private final int fetcherThreads;

    KinesisSourceConfig(KinesisSourceBuilder<?> b) {
        this.stream = Objects.requireNonNull(b.stream);
        this.initialPosition = b.initialPosition;
        this.stopKind = b.stopKind;
        this.stopTimestamp = b.stopTimestamp;
        this.shardDiscoveryInterval = b.shardDiscoveryInterval;
        this.getRecordsMaxCount = b.getRecordsMaxCount;
        this.emptyFetchInterval = b.emptyFetchInterval;
        this.nonEmptyFetchInterval = b.nonEmptyFetchInterval;
        this.fetcherThreads = b.fetcherThreads;
    }

    public StreamId stream() {
        return stream;
    }

    /** Where shards found at the first discovery start (later shards start at TRIM_HORIZON). */
    public StartingPosition initialPosition() {
        return initialPosition;
    }

    public StopCondition.Kind stopKind() {
        return stopKind;
    }

    public boolean isBounded() {
        return stopKind != StopCondition.Kind.NONE;
    }

    /** The stop condition of a job that starts at {@code jobStartMillis}. */
    public StopCondition stopConditionAt(long jobStartMillis) {
        switch (stopKind) {
            case LATEST:
                return StopCondition.latestAt(jobStartMillis);
            case AT_TIMESTAMP:
                return StopCondition.atTimestamp(stopTimestamp.toEpochMilli());
            default:
                return StopCondition.none();
        }
    }

    public Duration shardDiscoveryInterval() {
        return shardDiscoveryInterval;
    }

    public int getRecordsMaxCount() {
        return getRecordsMaxCount;
    }

    public Duration emptyFetchInterval() {
        return emptyFetchInterval;
    }

    public Duration nonEmptyFetchInterval() {
        return nonEmptyFetchInterval;
    }

    /** Most fetcher threads per reader, each polling its share of the reader's shards. */
    public int fetcherThreads() {
        return fetcherThreads;
    }

    @Override
    public String toString() {
        return "KinesisSourceConfig{stream="
                + stream
                + ", initialPosition="
                + initialPosition
                + ", stop="
                + stopKind
                + (stopTimestamp == null ? "" : "(" + stopTimestamp + ")")
                + ", discovery="
                + shardDiscoveryInterval
                + ", maxRecords="
                + getRecordsMaxCount
                + ", fetcherThreads="
                + fetcherThreads
                + "}";
    }
}
