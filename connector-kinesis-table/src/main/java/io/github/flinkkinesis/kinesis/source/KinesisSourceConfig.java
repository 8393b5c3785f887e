package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.model.KinesisLimits;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The settings of one {@link KinesisSource}: which streams (a list, or a pattern over the stream
 * names of the account and region, matched at every discovery), where new shards start, where a
 * bounded read stops, and the polling pace. Serializable, because it travels with the job to the
 * enumerator and the readers.
 *
 * <p>Built with {@link #builder(StreamId)}, whose defaults are the defaults of the table options (a
 * test pins them to each other). The range rules live here once, as {@code ...Problem} methods that
 * return what is wrong with a value (or null): the builder reports a problem naming its setting,
 * the table factory naming the option key the user wrote.
 */
@PublicEvolving
public final class KinesisSourceConfig implements Serializable {

    private static final long serialVersionUID = 3L;

    /** Most fetcher threads per reader: each thread holds an HTTP connection. */
    public static final int MAX_FETCHER_THREADS = 64;

    /** The streams read, in the table's order; empty when a pattern chooses them. */
    private final List<StreamId> streams;

    /** A regular expression over stream names, or null when the streams are listed. */
    @Nullable private final String streamPattern;

    @Nullable private transient Pattern compiledStreamPattern;

    private final StartingPosition initialPosition;
    private final StopCondition.Kind stopKind;
    @Nullable private final Instant stopTimestamp;
    private final Duration shardDiscoveryInterval;
    private final int getRecordsMaxCount;
    private final Duration emptyFetchInterval;
    private final Duration nonEmptyFetchInterval;
    private final int fetcherThreads;

    /** The only shards to read (a filter pushed down on {@code shard-id}), or null for all. */
    @Nullable private final Set<String> onlyShards;

    /** An exclusive arrival-time cap of a LATEST stop (a pushed-down upper bound), or null. */
    @Nullable private final Instant stopNoLaterThan;

    /** Rows each reader emits before it stops reading (a pushed-down LIMIT), or 0 for no limit. */
    private final long rowLimitPerReader;

    private final ShardAssigner shardAssigner;

    private KinesisSourceConfig(Builder b) {
        this.streams = List.copyOf(b.streams);
        this.streamPattern = b.streamPattern;
        this.initialPosition = b.initialPosition;
        this.stopKind = b.stopKind;
        this.stopTimestamp = b.stopTimestamp;
        this.shardDiscoveryInterval = b.shardDiscoveryInterval;
        this.getRecordsMaxCount = b.getRecordsMaxCount;
        this.emptyFetchInterval = b.emptyFetchInterval;
        this.nonEmptyFetchInterval = b.nonEmptyFetchInterval;
        this.fetcherThreads = b.fetcherThreads;
        this.onlyShards = b.onlyShards == null ? null : Set.copyOf(b.onlyShards);
        this.stopNoLaterThan = b.stopNoLaterThan;
        this.rowLimitPerReader = b.rowLimitPerReader;
        this.shardAssigner = b.shardAssigner;
    }

    /** A builder holding this config's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.streams = streams;
        b.streamPattern = streamPattern;
        b.initialPosition = initialPosition;
        b.stopKind = stopKind;
        b.stopTimestamp = stopTimestamp;
        b.shardDiscoveryInterval = shardDiscoveryInterval;
        b.getRecordsMaxCount = getRecordsMaxCount;
        b.emptyFetchInterval = emptyFetchInterval;
        b.nonEmptyFetchInterval = nonEmptyFetchInterval;
        b.fetcherThreads = fetcherThreads;
        b.onlyShards = onlyShards;
        b.stopNoLaterThan = stopNoLaterThan;
        b.rowLimitPerReader = rowLimitPerReader;
        b.shardAssigner = shardAssigner;
        return b;
    }

    /** A builder for {@code stream} with the connector's defaults. */
    public static Builder builder(StreamId stream) {
        return new Builder().stream(stream);
    }

    /** A builder with the connector's defaults and no stream yet. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------ rules, one place for both roads

    /** What is wrong with a stream pattern, or null. */
    @Nullable
    public static String streamPatternProblem(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "is not a Java regular expression: " + e.getDescription();
        }
    }

    /** What is wrong with a GetRecords record limit, or null. */
    @Nullable
    public static String getRecordsMaxCountProblem(int count) {
        return count >= 1 && count <= KinesisLimits.MAX_RECORDS_PER_GET
                ? null
                : "must be between 1 and "
                        + KinesisLimits.MAX_RECORDS_PER_GET
                        + " (Kinesis' limit per GetRecords call)";
    }

    /** What is wrong with a shard discovery interval, or null. */
    @Nullable
    public static String discoveryIntervalProblem(@Nullable Duration interval) {
        return interval != null && interval.toMillis() > 0
                ? null
                : "must be a positive duration such as '10 s'";
    }

    /** What is wrong with a pause between GetRecords calls, or null. */
    @Nullable
    public static String fetchIntervalProblem(@Nullable Duration interval) {
        return interval != null && !interval.isNegative() ? null : "must not be negative";
    }

    /** What is wrong with a number of fetcher threads, or null. */
    @Nullable
    public static String fetcherThreadsProblem(int threads) {
        return threads >= 1 && threads <= MAX_FETCHER_THREADS
                ? null
                : "must be between 1 and " + MAX_FETCHER_THREADS;
    }

    /**
     * What is wrong with a stop timestamp next to the initial position, or null: a read that starts
     * at or after its (exclusive) stop would read nothing.
     */
    @Nullable
    public static String stopTimestampProblem(StartingPosition initial, Instant stop) {
        if (initial.type() != StartingPosition.Type.AT_TIMESTAMP
                || stop.isAfter(initial.timestamp())) {
            return null;
        }
        return "must be later than the start timestamp ("
                + initial.timestamp()
                + "): the stop is exclusive, so the read would return nothing";
    }

    // ------------------------------------------------------------ values

    /** The streams read, in the table's order; empty when {@link #streamPattern()} chooses. */
    public List<StreamId> streams() {
        return streams;
    }

    /** The regular expression that chooses the streams, or null when they are listed. */
    @Nullable
    public String streamPattern() {
        return streamPattern;
    }

    /**
     * The stream of state written by a source of one stream (connector versions before multi-stream
     * tables): the first listed stream, or null for a pattern.
     */
    @Nullable
    public StreamId singleStream() {
        return streams.isEmpty() ? null : streams.get(0);
    }

    /** Whether the source may read more than one stream (a list of several, or a pattern). */
    public boolean readsSeveralStreams() {
        return streams.size() != 1;
    }

    /** Whether {@code stream} is one of the source's streams (listed, or matching the pattern). */
    public boolean readsStream(StreamId stream) {
        if (streamPattern == null) {
            return streams.contains(stream);
        }
        if (compiledStreamPattern == null) {
            compiledStreamPattern = Pattern.compile(streamPattern);
        }
        return compiledStreamPattern.matcher(stream.name()).matches();
    }

    /** What the source's streams are, for messages: the list, or the pattern. */
    public String describeStreams() {
        if (streamPattern != null) {
            return "the streams matching '" + streamPattern + "'";
        }
        return streams.size() == 1
                ? "Kinesis stream '" + streams.get(0) + "'"
                : "the Kinesis streams " + streams;
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

    /**
     * The stop condition of a job that starts at {@code jobStartMillis}. A LATEST stop with a cap
     * ({@link Builder#stopNoLaterThan}) earlier than the job start becomes that AT_TIMESTAMP stop.
     */
    public StopCondition stopConditionAt(long jobStartMillis) {
        switch (stopKind) {
            case LATEST:
                if (stopNoLaterThan != null && stopNoLaterThan.toEpochMilli() <= jobStartMillis) {
                    return StopCondition.atTimestamp(stopNoLaterThan.toEpochMilli());
                }
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

    /** Whether the source reads shard {@code shardId} (all shards unless restricted). */
    public boolean readsShard(String shardId) {
        return onlyShards == null || onlyShards.contains(shardId);
    }

    /** The only shards read, or null when every shard is read. */
    @Nullable
    public Set<String> onlyShards() {
        return onlyShards;
    }

    /** The exclusive arrival-time cap of a LATEST stop, or null. */
    @Nullable
    public Instant stopNoLaterThan() {
        return stopNoLaterThan;
    }

    /** Rows each reader emits before it stops reading, or 0 when unlimited. */
    public long rowLimitPerReader() {
        return rowLimitPerReader;
    }

    /** How shards are spread over the reader subtasks. */
    public ShardAssigner shardAssigner() {
        return shardAssigner;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisSourceConfig)) {
            return false;
        }
        KinesisSourceConfig that = (KinesisSourceConfig) o;
        return streams.equals(that.streams)
                && Objects.equals(streamPattern, that.streamPattern)
                && initialPosition.equals(that.initialPosition)
                && stopKind == that.stopKind
                && Objects.equals(stopTimestamp, that.stopTimestamp)
                && shardDiscoveryInterval.equals(that.shardDiscoveryInterval)
                && getRecordsMaxCount == that.getRecordsMaxCount
                && emptyFetchInterval.equals(that.emptyFetchInterval)
                && nonEmptyFetchInterval.equals(that.nonEmptyFetchInterval)
                && fetcherThreads == that.fetcherThreads
                && Objects.equals(onlyShards, that.onlyShards)
                && Objects.equals(stopNoLaterThan, that.stopNoLaterThan)
                && rowLimitPerReader == that.rowLimitPerReader
                && shardAssigner == that.shardAssigner;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                streams,
                streamPattern,
                initialPosition,
                stopKind,
                stopTimestamp,
                getRecordsMaxCount,
                onlyShards,
                rowLimitPerReader);
    }

    @Override
    public String toString() {
        return "KinesisSourceConfig{"
                + (streamPattern == null ? "streams=" + streams : "streamPattern=" + streamPattern)
                + ", initialPosition="
                + initialPosition
                + ", stop="
                + stopKind
                + (stopTimestamp == null ? "" : "(" + stopTimestamp + ")")
                + (stopNoLaterThan == null ? "" : ", stopNoLaterThan=" + stopNoLaterThan)
                + (onlyShards == null ? "" : ", shards=" + new TreeSet<>(onlyShards))
                + (rowLimitPerReader == 0 ? "" : ", rowLimitPerReader=" + rowLimitPerReader)
                + ", discovery="
                + shardDiscoveryInterval
                + ", maxRecords="
                + getRecordsMaxCount
                + ", fetcherThreads="
                + fetcherThreads
                + ", shardAssigner="
                + shardAssigner
                + "}";
    }

    /**
     * Collects the settings; {@link #build()} checks them and names the wrong setting. The defaults
     * equal the defaults of the {@code kinesis} table options.
     */
    @PublicEvolving
    public static final class Builder {
        private List<StreamId> streams = List.of();
        @Nullable private String streamPattern;
        private StartingPosition initialPosition = StartingPosition.latest();
        private StopCondition.Kind stopKind = StopCondition.Kind.NONE;
        @Nullable private Instant stopTimestamp;
        private Duration shardDiscoveryInterval = Duration.ofSeconds(10);
        private int getRecordsMaxCount = KinesisLimits.MAX_RECORDS_PER_GET;
        private Duration emptyFetchInterval = Duration.ofMillis(250);
        private Duration nonEmptyFetchInterval = Duration.ofMillis(200);
        private int fetcherThreads = 4;
        @Nullable private Set<String> onlyShards;
        @Nullable private Instant stopNoLaterThan;
        private long rowLimitPerReader;
        private ShardAssigner shardAssigner = ShardAssigner.UNIFORM;

        Builder() {}

        /** How shards are spread over the reader subtasks ({@link ShardAssigner#UNIFORM}). */
        public Builder shardAssigner(ShardAssigner assigner) {
            this.shardAssigner = assigner;
            return this;
        }

        /** Reads one stream. */
        public Builder stream(StreamId stream) {
            return streams(List.of(stream));
        }

        /** Reads these streams (at least one, no stream twice) as one source. */
        public Builder streams(List<StreamId> streams) {
            this.streams = List.copyOf(streams);
            this.streamPattern = null;
            return this;
        }

        /**
         * Reads every stream of the account and region whose whole name matches {@code regex} (Java
         * syntax), including streams created while the source runs.
         */
        public Builder streamPattern(String regex) {
            this.streamPattern = regex;
            this.streams = List.of();
            return this;
        }

        /** LATEST, TRIM_HORIZON or AT_TIMESTAMP: where shards present at job start are read. */
        public Builder initialPosition(StartingPosition initialPosition) {
            this.initialPosition = initialPosition;
            return this;
        }

        /** Stops at each shard's content at job start (a bounded read). */
        public Builder stopAtLatest() {
            this.stopKind = StopCondition.Kind.LATEST;
            this.stopTimestamp = null;
            return this;
        }

        /** Stops before the first record that arrived at or after {@code timestamp}. */
        public Builder stopAtTimestamp(Instant timestamp) {
            this.stopKind = StopCondition.Kind.AT_TIMESTAMP;
            this.stopTimestamp = timestamp;
            return this;
        }

        /** Reads forever (the default). */
        public Builder unbounded() {
            this.stopKind = StopCondition.Kind.NONE;
            this.stopTimestamp = null;
            return this;
        }

        public Builder shardDiscoveryInterval(Duration interval) {
            this.shardDiscoveryInterval = interval;
            return this;
        }

        public Builder getRecordsMaxCount(int count) {
            this.getRecordsMaxCount = count;
            return this;
        }

        public Builder emptyFetchInterval(Duration interval) {
            this.emptyFetchInterval = interval;
            return this;
        }

        public Builder nonEmptyFetchInterval(Duration interval) {
            this.nonEmptyFetchInterval = interval;
            return this;
        }

        /**
         * At most this many GetRecords calls in flight per reader: the reader's shards are spread
         * over up to this many fetcher threads (never more threads than shards), each polling its
         * shards one call at a time.
         */
        public Builder fetcherThreads(int threads) {
            this.fetcherThreads = threads;
            return this;
        }

        /**
         * Reads only these shards (an empty set reads nothing); shards of the stream outside the
         * set, including children of listed shards, are never assigned. Null reads every shard.
         */
        public Builder onlyShards(@Nullable Set<String> shardIds) {
            this.onlyShards = shardIds;
            return this;
        }

        /**
         * Caps a {@link #stopAtLatest()} read: if {@code cap} is not later than the job start, the
         * read stops before the first record that arrived at or after {@code cap} instead.
         */
        public Builder stopNoLaterThan(@Nullable Instant cap) {
            this.stopNoLaterThan = cap;
            return this;
        }

        /**
         * Makes each reader stop reading once it emitted {@code rows} values (0: no limit). Only
         * for a bounded read: the values emitted are not a fixed choice, so a query must still
         * limit them itself (as Flink does for a pushed-down LIMIT).
         */
        public Builder rowLimitPerReader(long rows) {
            this.rowLimitPerReader = rows;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first wrong setting
         */
        public KinesisSourceConfig build() {
            require(
                    !streams.isEmpty() || streamPattern != null,
                    "no stream: call stream(StreamId.parse(\"name or ARN\")), streams(...) or"
                            + " streamPattern(...)");
            require(
                    new HashSet<>(streams).size() == streams.size(),
                    "a stream is listed twice: " + streams);
            if (streamPattern != null) {
                check("the stream pattern", streamPattern, streamPatternProblem(streamPattern));
            }
            require(initialPosition != null, "no initial position");
            StartingPosition.Type type = initialPosition.type();
            require(
                    type == StartingPosition.Type.LATEST
                            || type == StartingPosition.Type.TRIM_HORIZON
                            || type == StartingPosition.Type.AT_TIMESTAMP,
                    "the initial position must be LATEST, TRIM_HORIZON or AT_TIMESTAMP, not "
                            + initialPosition);
            require(
                    stopKind != StopCondition.Kind.AT_TIMESTAMP || stopTimestamp != null,
                    "stopAtTimestamp needs a timestamp");
            if (stopKind == StopCondition.Kind.AT_TIMESTAMP) {
                check(
                        "the stop timestamp",
                        stopTimestamp,
                        stopTimestampProblem(initialPosition, stopTimestamp));
            }
            check(
                    "the GetRecords max record count",
                    getRecordsMaxCount,
                    getRecordsMaxCountProblem(getRecordsMaxCount));
            check(
                    "the shard discovery interval",
                    shardDiscoveryInterval,
                    discoveryIntervalProblem(shardDiscoveryInterval));
            check(
                    "the empty fetch interval",
                    emptyFetchInterval,
                    fetchIntervalProblem(emptyFetchInterval));
            check(
                    "the non-empty fetch interval",
                    nonEmptyFetchInterval,
                    fetchIntervalProblem(nonEmptyFetchInterval));
            check(
                    "the fetcher thread count",
                    fetcherThreads,
                    fetcherThreadsProblem(fetcherThreads));
            require(shardAssigner != null, "no shard assigner");
            require(rowLimitPerReader >= 0, "the row limit must not be negative");
            require(
                    rowLimitPerReader == 0 || stopKind != StopCondition.Kind.NONE,
                    "a row limit needs a bounded read (stopAtLatest or stopAtTimestamp)");
            return new KinesisSourceConfig(this);
        }

        private static void check(String setting, Object value, @Nullable String problem) {
            require(problem == null, setting + " (" + value + ") " + problem);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException("Invalid Kinesis source: " + message);
            }
        }
    }
}
