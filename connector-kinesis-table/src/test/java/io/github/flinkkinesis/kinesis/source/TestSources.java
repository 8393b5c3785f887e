package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import io.github.flinkkinesis.kinesis.testutil.fakes.Utf8Deserializer;

/**
 * Source builders wired to a {@link FakeStreamProxy} for unit tests. It lives in the source's
 * package because {@link KinesisSourceBuilder#proxyFactory} is package-private on purpose: users
 * cannot replace the SDK proxy.
 */
public final class TestSources {

    private TestSources() {}

    /** A builder for stream "test" reading through {@code proxy}, values as UTF-8 strings. */
    public static KinesisSourceBuilder<String> builder(FakeStreamProxy proxy) {
        return KinesisSource.<String>builder().stream(TestSplits.STREAM)
                .proxyFactory(() -> proxy)
                .deserializer(new Utf8Deserializer());
    }
}
