package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakePutRecordsProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestWriterContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.junit.jupiter.api.Test;

/**
 * Flink 1.20 only (src/test/flink-1.20): the deprecated {@code Sink.InitContext} paths of the seam,
 * which 2.x does not have. Flink 1.20 itself opens converters through them (covered on every line
 * by {@code FlinkLineSeamTest}); {@code createWriter(Sink.InitContext)} is what 1.20's {@code Sink}
 * still declares.
 */
@SuppressWarnings("deprecation") // Sink.InitContext and its wrapper: the API under test
class FlinkLineSinkTest {

    private final FakePutRecordsProxy proxy = new FakePutRecordsProxy();

    @Test
    void theDeprecatedCreateWriterHandsOverToTheOneWithAWriterInitContext() throws Exception {
        KinesisSink<Integer> sink =
                new KinesisSink<>(
                        (i, ctx) -> new KinesisSinkEntry(new byte[] {1}, "k" + i, null),
                        KinesisSinkConfig.builder("s").build(),
                        () -> proxy);
        TestWriterContext context = new TestWriterContext();
        try (SinkWriter<Integer> writer = sink.createWriter(new Sink.InitContextWrapper(context))) {
            assertThat(writer).isInstanceOf(KinesisSinkWriter.class);
            writer.write(9, null);
            writer.flush(true);
            context.runMails();
        }
        assertThat(proxy.stored()).extracting(KinesisSinkEntry::partitionKey).containsExactly("k9");
    }

    @Test
    void theWriterInitContextPassesEveryCallToTheSinkInitContext() {
        TestWriterContext original = new TestWriterContext(4);
        WriterInitContext context = WriterInitContexts.of(new Sink.InitContextWrapper(original));

        assertThat(context.getTaskInfo().getIndexOfThisSubtask()).isEqualTo(4);
        assertThat(context.getMailboxExecutor()).isSameAs(original.getMailboxExecutor());
        assertThat(context.getProcessingTimeService())
                .isSameAs(original.getProcessingTimeService());
        assertThat(context.metricGroup()).isSameAs(original.metricGroup());
        assertThat(context.asSerializationSchemaInitializationContext().getMetricGroup())
                .isSameAs(original.metricGroup());
        assertThat(context.isObjectReuseEnabled()).isFalse();
        assertThat(context.getRestoredCheckpointId()).isEmpty();
        assertThat(context.getJobInfo().getJobName()).isEqualTo("test-job");
        assertThat(context.metadataConsumer()).isEmpty();
        assertThat(context.toString()).isNotEmpty();
        // a failure of the wrapped context reaches the caller as it was thrown
        assertThatThrownBy(context::createInputSerializer)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no input serializer");
    }
}
