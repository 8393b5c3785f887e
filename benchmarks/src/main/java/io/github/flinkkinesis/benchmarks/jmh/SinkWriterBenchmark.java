package io.github.flinkkinesis.benchmarks.jmh;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import io.github.flinkkinesis.kinesis.sink.KinesisSinkConfig;
import io.github.flinkkinesis.kinesis.sink.KinesisSinkWriter;
import io.github.flinkkinesis.kinesis.sink.RowDataToEntryConverter;
import io.github.flinkkinesis.kinesis.sink.partitioner.RandomPartitioner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions;
import org.apache.flink.formats.json.JsonRowDataSerializationSchema;
import org.apache.flink.table.data.RowData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sink writer's per-record cost without I/O: element conversion, buffering and batching into
 * 500-record calls by our {@link KinesisSinkWriter} (on Flink's AsyncSinkWriter), with a proxy that
 * acknowledges every call at once. What is left of a real sink's cost is the SDK (see {@link
 * SdkCodecBenchmark}) and the HTTP client.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class SinkWriterBenchmark {

    private RowData[] rows;
    private int next;
    private Fixtures.DirectMailbox mailbox;
    private KinesisSinkWriter<RowData> writer;
    private AcknowledgingProxy proxy;
    private final SinkWriter.Context context =
            new SinkWriter.Context() {
                @Override
                public long currentWatermark() {
                    return Long.MIN_VALUE;
                }

                @Override
                public Long timestamp() {
                    return null;
                }
            };

    @Setup
    public void setup() {
        rows = Fixtures.rows();
        mailbox = new Fixtures.DirectMailbox();
        proxy = new AcknowledgingProxy();
        RowDataToEntryConverter converter =
                RowDataToEntryConverter.builder(
                                new JsonRowDataSerializationSchema(
                                        Fixtures.PHYSICAL_ROW_TYPE,
                                        TimestampFormat.SQL,
                                        JsonFormatOptions.MapNullKeyMode.FAIL,
                                        "null",
                                        false,
                                        false),
                                5)
                        .partitioner(new RandomPartitioner<>(), "random", true)
                        .build();
        writer =
                new KinesisSinkWriter<>(
                        converter,
                        Fixtures.writerContext(mailbox),
                        KinesisSinkConfig.builder("bench").build(),
                        proxy,
                        List.of());
    }

    @TearDown
    public void tearDown() throws Exception {
        writer.flush(true);
        mailbox.drain();
        if (proxy.records == 0) {
            throw new IllegalStateException(
                    "the writer sent nothing: the benchmark measured nothing");
        }
        writer.close();
    }

    @Benchmark
    public void write() throws Exception {
        RowData row = rows[next];
        next = (next + 1) & (Fixtures.COUNT - 1);
        writer.write(row, context);
        mailbox.drain(); // completions of acknowledged calls, as the task's mailbox would run them
    }

    /** Acknowledges every call immediately and counts what it was given. */
    static final class AcknowledgingProxy implements PutRecordsProxy {
        long calls;
        long records;

        @Override
        public CompletableFuture<PutRecordsResult> putRecords(List<KinesisSinkEntry> entries) {
            calls++;
            records += entries.size();
            return CompletableFuture.completedFuture(PutRecordsResult.allSucceeded());
        }

        @Override
        public void close() {}
    }
}
