package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.proxy.KinesisStreamProxy;
import io.github.flinkkinesis.kinesis.proxy.StreamId;
import io.github.flinkkinesis.kinesis.proxy.StreamProxyFactory;
import io.github.flinkkinesis.kinesis.source.split.StartingPosition;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import java.time.Duration;
import java.time.Instant;
import javax.annotation.Nullable;

/**
 * Builds a {@link KinesisSource}. {@link #build()} checks that the settings fit together (a stream
 * and a deserializer are set, AT_TIMESTAMP stops have a timestamp, limits are within Kinesis'
 * bounds) and says which setting is wrong.
 */
public final class KinesisSourceBuilder<T> {

    /** Default of {@link #fetcherThreads(int)}. */
    public static final int DEFAULT_FETCHER_THREADS = 4;

    /** Upper bound of {@link #fetcherThreads(int)}: each thread holds an HTTP connection. */
    public static final int MAX_FETCHER_THREADS = 64;

    StreamId stream;
    StartingPosition initialPosition = StartingPosition.latest();
    StopCondition.Kind stopKind = StopCondition.Kind.NONE;
    @Nullable Instant stopTimestamp;
    Duration shardDiscoveryInterval = Duration.ofSeconds(10);
    int getRecordsMaxCount = KinesisSourceConfig.MAX_RECORDS_PER_GET;
    Duration emptyFetchInterval = Duration.ofMillis(250);
    Duration nonEmptyFetchInterval = Duration.ofMillis(200);
    int fetcherThreads = DEFAULT_FETCHER_THREADS;
    private AwsConfig awsConfig;
    private StreamProxyFactory proxyFactory;
    private KinesisDeserializationSchema<T> deserializer;

    KinesisSourceBuilder() {}

    public KinesisSourceBuilder<T> stream(StreamId stream) {
        this.stream = stream;
        return this;
    }

    /** AWS connection settings; the source then talks to Kinesis through the SDK. */
    public KinesisSourceBuilder<T> awsConfig(AwsConfig awsConfig) {
        this.awsConfig = awsConfig;
        return this;
    }

    /** Replaces the SDK proxy (tests use a fake). */
    public KinesisSourceBuilder<T> proxyFactory(StreamProxyFactory proxyFactory) {
        this.proxyFactory = proxyFactory;
        return this;
    }

    public KinesisSourceBuilder<T> deserializer(KinesisDeserializationSchema<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    /** LATEST, TRIM_HORIZON or AT_TIMESTAMP: where shards present at job start are read from. */
    public KinesisSourceBuilder<T> initialPosition(StartingPosition initialPosition) {
        this.initialPosition = initialPosition;
        return this;
    }

    /** Stops at each shard's content at job start (a bounded read). */
    public KinesisSourceBuilder<T> stopAtLatest() {
        this.stopKind = StopCondition.Kind.LATEST;
        this.stopTimestamp = null;
        return this;
    }

    /** Stops before the first record that arrived at or after {@code timestamp}. */
    public KinesisSourceBuilder<T> stopAtTimestamp(Instant timestamp) {
        this.stopKind = StopCondition.Kind.AT_TIMESTAMP;
        this.stopTimestamp = timestamp;
        return this;
    }

    /** Reads forever (the default). */
    public KinesisSourceBuilder<T> unbounded() {
        this.stopKind = StopCondition.Kind.NONE;
        this.stopTimestamp = null;
        return this;
    }

    public KinesisSourceBuilder<T> shardDiscoveryInterval(Duration interval) {
        this.shardDiscoveryInterval = interval;
        return this;
    }

    public KinesisSourceBuilder<T> getRecordsMaxCount(int count) {
        this.getRecordsMaxCount = count;
        return this;
    }

    public KinesisSourceBuilder<T> emptyFetchInterval(Duration interval) {
        this.emptyFetchInterval = interval;
        return this;
    }

    public KinesisSourceBuilder<T> nonEmptyFetchInterval(Duration interval) {
        this.nonEmptyFetchInterval = interval;
        return this;
    }

    /**
     * At most this many GetRecords calls in flight per reader: the reader's shards are spread over
     * up to this many fetcher threads (never more threads than shards), each polling its shards one
     * call at a time.
     */
    public KinesisSourceBuilder<T> fetcherThreads(int threads) {
        this.fetcherThreads = threads;
        return this;
    }

    public KinesisSource<T> build() {
        sanityCheck();
        StreamProxyFactory factory =
                proxyFactory != null ? proxyFactory : KinesisStreamProxy.factory(awsConfig, stream);
        return new KinesisSource<>(new KinesisSourceConfig(this), factory, deserializer);
    }

    private void sanityCheck() {
        require(stream != null, "no stream: call stream(StreamId.parse(\"name or ARN\"))");
        require(deserializer != null, "no deserializer: call deserializer(...)");
        require(
                awsConfig != null || proxyFactory != null,
                "no AWS settings: call awsConfig(AwsConfig.fromMap(...))");
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
        require(
                getRecordsMaxCount >= 1
                        && getRecordsMaxCount <= KinesisSourceConfig.MAX_RECORDS_PER_GET,
                "GetRecords max record count must be within 1..10000, not " + getRecordsMaxCount);
        require(
                shardDiscoveryInterval != null && shardDiscoveryInterval.toMillis() > 0,
                "the shard discovery interval must be positive");
        require(
                emptyFetchInterval != null && !emptyFetchInterval.isNegative(),
                "the empty fetch interval must not be negative");
        require(
                nonEmptyFetchInterval != null && !nonEmptyFetchInterval.isNegative(),
                "the non-empty fetch interval must not be negative");
        require(
                fetcherThreads >= 1 && fetcherThreads <= MAX_FETCHER_THREADS,
                "fetcher threads must be within 1.."
                        + MAX_FETCHER_THREADS
                        + ", not "
                        + fetcherThreads);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("Invalid Kinesis source: " + message);
        }
    }
}
