package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakePutRecordsProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.RecordingResultHandler;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.junit.jupiter.api.Test;

/** The sink's metrics are registered under the names the docs promise and count what happened. */
class KinesisSinkMetricsTest {

    /** An operator metric group that remembers what was registered in it, by name. */
    private static final class RecordingGroup extends UnregisteredMetricsGroup
            implements OperatorMetricGroup {
        final Map<String, Metric> metrics = new HashMap<>();
        private final OperatorIOMetricGroup io =
                UnregisteredMetricsGroup.createOperatorIOMetricGroup();

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            metrics.put(name, counter);
            return counter;
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            metrics.put(name, gauge);
            return gauge;
        }

        @Override
        public OperatorIOMetricGroup getIOMetricGroup() {
            return io;
        }
    }

    @Test
    void registersAndCountsUnderTheDocumentedNames() {
        RecordingGroup group = new RecordingGroup();
        KinesisSinkMetrics metrics =
                new KinesisSinkMetrics(InternalSinkWriterMetricGroup.wrap(group));
        assertThat(group.metrics)
                .containsKeys(
                        "numRecordsSendErrors",
                        "numRecordsSend",
                        "numBytesSend",
                        KinesisSinkMetrics.RETRIED,
                        KinesisSinkMetrics.THROTTLED,
                        KinesisSinkMetrics.LATENCY);

        FakePutRecordsProxy proxy =
                new FakePutRecordsProxy()
                        .thenRejectEntries("ProvisionedThroughputExceededException", 0, 1);
        PutRecordsSubmitter submitter =
                new PutRecordsSubmitter(KinesisSinkConfig.builder("s").build(), proxy, metrics);
        List<KinesisSinkEntry> batch =
                List.of(
                        new KinesisSinkEntry("a".getBytes(StandardCharsets.UTF_8), "k", null),
                        new KinesisSinkEntry("b".getBytes(StandardCharsets.UTF_8), "k", null),
                        new KinesisSinkEntry("c".getBytes(StandardCharsets.UTF_8), "k", null));
        submitter.submit(batch, new RecordingResultHandler());

        assertThat(((Counter) group.metrics.get("numRecordsSendErrors")).getCount()).isEqualTo(2);
        assertThat(((Counter) group.metrics.get(KinesisSinkMetrics.RETRIED)).getCount())
                .isEqualTo(2);
        assertThat(((Counter) group.metrics.get(KinesisSinkMetrics.THROTTLED)).getCount())
                .isEqualTo(2);
        assertThat(((Gauge<?>) group.metrics.get(KinesisSinkMetrics.LATENCY)).getValue())
                .isInstanceOf(Long.class);
    }
}
