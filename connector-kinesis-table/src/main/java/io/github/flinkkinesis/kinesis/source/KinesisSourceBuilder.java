package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.KinesisStreamProxy;
import io.github.flinkkinesis.kinesis.proxy.StreamProxyFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Builds a {@link KinesisSource}: the source's settings (a {@link KinesisSourceConfig}, given whole
 * with {@link #config} or setting by setting), the AWS connection and the deserializer. {@link
 * #build()} checks that the parts fit together and says which one is wrong.
 */
@PublicEvolving
public final class KinesisSourceBuilder<T> {

    private KinesisSourceConfig.Builder settings = new KinesisSourceConfig.Builder();
    @Nullable private KinesisSourceConfig config;
    @Nullable private AwsConfig awsConfig;
    @Nullable private StreamProxyFactory proxyFactory;
    @Nullable private KinesisDeserializationSchema<T> deserializer;

    KinesisSourceBuilder() {}

    /** All settings at once, e.g. as the table factory validated them from a table's options. */
    public KinesisSourceBuilder<T> config(KinesisSourceConfig config) {
        this.config = config;
        return this;
    }

    /** See {@link KinesisSourceConfig.Builder#stream}. */
    public KinesisSourceBuilder<T> stream(StreamId stream) {
        return set(settings.stream(stream));
    }

    /** See {@link KinesisSourceConfig.Builder#streams}. */
    public KinesisSourceBuilder<T> streams(List<StreamId> streams) {
        return set(settings.streams(streams));
    }

    /** See {@link KinesisSourceConfig.Builder#streamPattern}. */
    public KinesisSourceBuilder<T> streamPattern(String regex) {
        return set(settings.streamPattern(regex));
    }

    /** AWS connection settings; the source then talks to Kinesis through the SDK. */
    public KinesisSourceBuilder<T> awsConfig(AwsConfig awsConfig) {
        this.awsConfig = awsConfig;
        return this;
    }

    /** Replaces the SDK proxy: for this package's tests only, hence not public. */
    KinesisSourceBuilder<T> proxyFactory(StreamProxyFactory proxyFactory) {
        this.proxyFactory = proxyFactory;
        return this;
    }

    public KinesisSourceBuilder<T> deserializer(KinesisDeserializationSchema<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    /** See {@link KinesisSourceConfig.Builder#initialPosition}. */
    public KinesisSourceBuilder<T> initialPosition(StartingPosition initialPosition) {
        return set(settings.initialPosition(initialPosition));
    }

    /** See {@link KinesisSourceConfig.Builder#stopAtLatest}. */
    public KinesisSourceBuilder<T> stopAtLatest() {
        return set(settings.stopAtLatest());
    }

    /** See {@link KinesisSourceConfig.Builder#stopAtTimestamp}. */
    public KinesisSourceBuilder<T> stopAtTimestamp(Instant timestamp) {
        return set(settings.stopAtTimestamp(timestamp));
    }

    /** See {@link KinesisSourceConfig.Builder#unbounded}. */
    public KinesisSourceBuilder<T> unbounded() {
        return set(settings.unbounded());
    }

    public KinesisSourceBuilder<T> shardDiscoveryInterval(Duration interval) {
        return set(settings.shardDiscoveryInterval(interval));
    }

    public KinesisSourceBuilder<T> getRecordsMaxCount(int count) {
        return set(settings.getRecordsMaxCount(count));
    }

    public KinesisSourceBuilder<T> emptyFetchInterval(Duration interval) {
        return set(settings.emptyFetchInterval(interval));
    }

    public KinesisSourceBuilder<T> nonEmptyFetchInterval(Duration interval) {
        return set(settings.nonEmptyFetchInterval(interval));
    }

    /** See {@link KinesisSourceConfig.Builder#fetcherThreads}. */
    public KinesisSourceBuilder<T> fetcherThreads(int threads) {
        return set(settings.fetcherThreads(threads));
    }

    /** A setting given one by one replaces a whole config given before. */
    private KinesisSourceBuilder<T> set(KinesisSourceConfig.Builder updated) {
        this.settings = updated;
        this.config = null;
        return this;
    }

    /**
     * @throws IllegalArgumentException naming the missing part or the wrong setting
     */
    public KinesisSource<T> build() {
        KinesisSourceConfig built = config != null ? config : settings.build();
        if (deserializer == null) {
            throw new IllegalArgumentException(
                    "Invalid Kinesis source: no deserializer: call deserializer(...)");
        }
        if (awsConfig == null && proxyFactory == null) {
            throw new IllegalArgumentException(
                    "Invalid Kinesis source: no AWS settings: call"
                            + " awsConfig(AwsConfig.fromMap(...))");
        }
        StreamProxyFactory factory =
                proxyFactory != null ? proxyFactory : KinesisStreamProxy.factory(awsConfig);
        String region = awsConfig == null ? null : awsConfig.region().orElse(null);
        return new KinesisSource<>(built, factory, deserializer, region);
    }
}
