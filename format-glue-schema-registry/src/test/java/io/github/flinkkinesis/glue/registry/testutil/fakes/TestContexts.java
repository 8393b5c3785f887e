package io.github.flinkkinesis.glue.registry.testutil.fakes;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/** Open contexts for the format's schemas, with a metric group that keeps its counters. */
public final class TestContexts
        implements DeserializationSchema.InitializationContext,
                SerializationSchema.InitializationContext {

    public final Map<String, Counter> counters = new HashMap<>();

    private final MetricGroup metrics =
            new UnregisteredMetricsGroup() {
                @Override
                public Counter counter(String name) {
                    return counters.computeIfAbsent(name, n -> new SimpleCounter());
                }
            };

    @Override
    public MetricGroup getMetricGroup() {
        return metrics;
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
    }
}
