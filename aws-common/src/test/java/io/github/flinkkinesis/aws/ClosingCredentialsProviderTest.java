package io.github.flinkkinesis.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class ClosingCredentialsProviderTest {

    /** A provider that counts how often it was closed; CUSTOM instantiates it by class name. */
    public static final class CountingProvider implements AwsCredentialsProvider, SdkAutoCloseable {
        static final AtomicInteger CLOSED = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create("AKID", "secret");
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            CLOSED.incrementAndGet();
        }
    }

    @Test
    void closesDelegateThenResourcesOnce() {
        List<String> closed = new ArrayList<>();
        AwsCredentialsProvider delegate = new RecordingProvider(closed);
        ClosingCredentialsProvider provider =
                new ClosingCredentialsProvider(
                        delegate, () -> closed.add("sts"), () -> closed.add("http"));

        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKID");
        provider.close();
        provider.close();

        assertThat(closed).containsExactly("delegate", "sts", "http");
    }

    @Test
    void sdkClientClosesTheCredentialsProviderItWasGiven() {
        // The proxies rely on this: they close their client, and the client closes the provider.
        CountingProvider provider = new CountingProvider();
        StsClient client =
                StsClient.builder()
                        .region(Region.US_EAST_1)
                        .endpointOverride(URI.create("http://127.0.0.1:1"))
                        .credentialsProvider(provider)
                        .build();

        client.close();

        // (SDK 2.52 closes it twice, as credentials and as identity provider: close must be
        // idempotent, which ClosingCredentialsProvider is)
        assertThat(provider.closed.get()).isPositive();
    }

    @Test
    void assumeRoleProviderClosesItsStsClient() {
        AwsConfig config =
                AwsConfig.fromMap(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", "arn:aws:iam::123456789012:role/r",
                                "aws.credentials.role.sessionName", "test",
                                "aws.credentials.role.stsEndpoint", "http://127.0.0.1:1",
                                "aws.credentials.role.provider", "CUSTOM",
                                "aws.credentials.custom.class", CountingProvider.class.getName()));
        int before = CountingProvider.CLOSED.get();

        AwsCredentialsProvider provider = AwsCredentials.provider(config);
        assertThat(provider).isInstanceOf(SdkAutoCloseable.class);
        ((SdkAutoCloseable) provider).close();

        // The STS client closes the role's base provider only when it is closed itself.
        assertThat(CountingProvider.CLOSED.get()).isGreaterThan(before);
    }

    private static final class RecordingProvider
            implements AwsCredentialsProvider, SdkAutoCloseable {
        private final List<String> closed;

        RecordingProvider(List<String> closed) {
            this.closed = closed;
        }

        @Override
        public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create("AKID", "secret");
        }

        @Override
        public void close() {
            closed.add("delegate");
        }
    }
}
