package io.github.flinkkinesis.aws;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Applies an {@link AwsConfig} to any SDK client builder: region, endpoint override, credentials,
 * retries and user agent, plus the HTTP client. Each product's seam ({@code proxy} for Kinesis,
 * {@code operations} for Glue) builds its client here, so every client is configured the same way.
 */
@Internal
public final class AwsClients {

    /** Appended to the SDK's user agent so requests from this project can be told apart. */
    public static final String USER_AGENT_SUFFIX = "flink-kinesis-glue/0.1";

    private AwsClients() {}

    /** Configures region, endpoint, credentials and overrides on {@code builder}. */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsConfig config) {
        return configure(builder, config, config.retryMaxAttempts());
    }

    /**
     * The same, with {@code maxAttempts} SDK attempts per call instead of {@code
     * aws.retry.max-attempts}: 1 for a caller that paces and retries its calls itself (the polling
     * source's GetRecords, whose every attempt counts towards a shard's 5 calls per second).
     */
    public static <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, AwsConfig config, int maxAttempts) {
        builder.region(region(config));
        config.endpoint().ifPresent(builder::endpointOverride);
        builder.credentialsProvider(AwsCredentials.provider(config));
        builder.overrideConfiguration(
                ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(maxAttempts))
                        .putAdvancedOption(
                                SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT_SUFFIX)
                        .build());
        return builder;
    }

    /** The configured region, else the SDK's default chain; an error naming aws.region if none. */
    public static Region region(AwsConfig config) {
        if (config.region().isPresent()) {
            return Region.of(config.region().get());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            throw new ValidationException(
                    "No AWS region: set option '"
                            + AwsOptions.REGION.key()
                            + "' (or AWS_REGION in the environment of every Flink process).");
        }
    }

    /** A pooled Apache HTTP client for synchronous SDK clients. */
    public static SdkHttpClient syncHttpClient(AwsConfig config) {
        return ApacheHttpClient.builder()
                .maxConnections(config.httpMaxConcurrency())
                .socketTimeout(config.httpReadTimeout())
                .connectionTimeout(config.httpConnectTimeout())
                .buildWithDefaults(httpDefaults(config));
    }

    /** A Netty HTTP client for asynchronous SDK clients, with the configured protocol. */
    public static SdkAsyncHttpClient asyncHttpClient(AwsConfig config) {
        return asyncHttpClient(config, config.httpProtocol());
    }

    /** A Netty HTTP client with an explicit protocol (enhanced fan-out needs HTTP/2). */
    public static SdkAsyncHttpClient asyncHttpClient(AwsConfig config, HttpProtocol protocol) {
        return NettyNioAsyncHttpClient.builder()
                .maxConcurrency(config.httpMaxConcurrency())
                .readTimeout(config.httpReadTimeout())
                .connectionTimeout(config.httpConnectTimeout())
                .protocol(
                        protocol == HttpProtocol.HTTP2
                                ? software.amazon.awssdk.http.Protocol.HTTP2
                                : software.amazon.awssdk.http.Protocol.HTTP1_1)
                .buildWithDefaults(httpDefaults(config));
    }

    private static AttributeMap httpDefaults(AwsConfig config) {
        return AttributeMap.builder()
                .put(
                        SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES,
                        config.trustAllCertificates())
                .build();
    }
}
