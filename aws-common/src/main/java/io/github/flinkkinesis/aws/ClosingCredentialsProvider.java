package io.github.flinkkinesis.aws;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A credentials provider that owns the resources behind its delegate and closes them with it.
 *
 * <p>The assume-role provider needs an STS client with its own HTTP client, but neither {@code
 * StsAssumeRoleCredentialsProvider.close()} closes the STS client it was given nor does the STS
 * client close an HTTP client it was given. This wrapper closes the delegate, then each resource in
 * order, once. An SDK client closes the credentials provider it was built with (checked in {@code
 * ClosingCredentialsProviderTest}), so closing the Kinesis or Glue client releases all of it.
 */
@Internal
final class ClosingCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {

    private final AwsCredentialsProvider delegate;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param resources closed after the delegate, in this order
     */
    ClosingCredentialsProvider(AwsCredentialsProvider delegate, AutoCloseable... resources) {
        this.delegate = delegate;
        this.resources = List.of(resources);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return delegate.resolveCredentials();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        IoUtils.closeIfCloseable(delegate, null);
        for (AutoCloseable resource : resources) {
            IoUtils.closeQuietly(resource, null);
        }
    }

    @Override
    public String toString() {
        return "Closing(" + delegate + ")";
    }
}
