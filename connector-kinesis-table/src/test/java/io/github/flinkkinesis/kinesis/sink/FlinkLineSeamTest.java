package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.sink.partitioner.RandomPartitioner;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakePutRecordsProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestWriterContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;

/**
 * The sink's per-line seam, run on whichever Flink line this build compiles for: Flink's own {@code
 * AsyncSinkWriter} must open the element converter (Flink 1.20 calls {@code
 * open(Sink.InitContext)}, 2.x {@code open(WriterInitContext)}), including a converter wrapped in
 * the writer's size check, and the sink must create its writer through this line's {@code Sink}.
 * Before the seam, 1.20 never opened the converter: "this.mapper is null" in the value format.
 */
class FlinkLineSeamTest {

    private final FakePutRecordsProxy proxy = new FakePutRecordsProxy();

    /** A value format that refuses to serialize before it was opened, like Flink's JSON format. */
    private static final class MustBeOpened implements SerializationSchema<RowData> {
        private static final long serialVersionUID = 1L;
        private boolean opened;

        @Override
        public void open(InitializationContext context) {
            opened = true;
        }

        @Override
        public byte[] serialize(RowData row) {
            if (!opened) {
                throw new IllegalStateException("the value format was not opened");
            }
            return ("id=" + row.getInt(0)).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Records the subtask of every open call. */
    private static final class RecordingConverter
            implements FlinkLineElementConverter<Integer, KinesisSinkEntry> {
        private static final long serialVersionUID = 1L;
        private final List<Integer> openedOnSubtasks = new ArrayList<>();

        @Override
        public void open(WriterInitContext context) {
            openedOnSubtasks.add(context.getTaskInfo().getIndexOfThisSubtask());
        }

        @Override
        public KinesisSinkEntry apply(Integer element, SinkWriter.Context context) {
            return new KinesisSinkEntry(new byte[] {1}, "k" + element, null);
        }
    }

    /** (id INT) + the partition-key metadata column, as the table sink builds it. */
    private static RowDataToEntryConverter tableConverter() {
        return RowDataToEntryConverter.builder(new MustBeOpened(), 1)
                .partitionKeyMetadataPosition(1)
                .partitioner(new RandomPartitioner<>(), "random", true)
                .build();
    }

    @Test
    void theWriterOpensItsConverterOnceWithTheSubtasksContext() {
        RecordingConverter converter = new RecordingConverter();
        new KinesisSinkWriter<>(
                converter,
                new TestWriterContext(3),
                KinesisSinkConfig.builder("s").build(),
                proxy,
                Collections.emptyList());
        assertThat(converter.openedOnSubtasks).containsExactly(3);
    }

    @Test
    void theTableConverterIsOpenedInsideTheWriterAndWritesRowsWithMetadata() throws Exception {
        TestWriterContext context = new TestWriterContext();
        KinesisSinkWriter<RowData> writer =
                new KinesisSinkWriter<>(
                        tableConverter(),
                        context,
                        KinesisSinkConfig.builder("s").build(),
                        proxy,
                        Collections.emptyList());
        writer.write(GenericRowData.of(7, StringData.fromString("pk-7")), null);
        writer.flush(true);
        context.runMails();

        assertThat(proxy.stored()).hasSize(1);
        KinesisSinkEntry entry = proxy.stored().get(0);
        assertThat(new String(entry.data(), StandardCharsets.UTF_8)).isEqualTo("id=7");
        assertThat(entry.partitionKey()).isEqualTo("pk-7");
    }

    @Test
    void theSinkCreatesAWriterThatOpensTheConverter() throws Exception {
        RecordingConverter converter = new RecordingConverter();
        KinesisSink<Integer> sink =
                new KinesisSink<>(converter, KinesisSinkConfig.builder("s").build(), () -> proxy);
        TestWriterContext context = new TestWriterContext(1);
        try (SinkWriter<Integer> writer = sink.createWriter(context)) {
            writer.write(5, null);
            writer.flush(true);
            context.runMails();
        }
        assertThat(proxy.stored()).extracting(KinesisSinkEntry::partitionKey).containsExactly("k5");
        assertThat(converter.openedOnSubtasks).containsExactly(1);
    }
}
