package io.github.flinkkinesis.benchmarks.jmh;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.sink.RowDataToEntryConverter;
import io.github.flinkkinesis.kinesis.sink.partitioner.RandomPartitioner;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sink's per-record element conversion: {@code plainFormat} is Flink's JSON format alone;
 * {@code oursElementConverter} is our converter (format + random partition key + the entry with its
 * size computed once), which the writer buffers and batches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class SinkConversionBenchmark {

    private RowData[] rows;
    private int next;
    private JsonRowDataSerializationSchema plain;
    private RowDataToEntryConverter converter;

    @Setup
    public void setup() throws Exception {
        rows = Fixtures.rows();
        plain = newFormat();
        plain.open(Fixtures.serializationContext());
        converter =
                RowDataToEntryConverter.builder(newFormat(), 5)
                        .partitioner(new RandomPartitioner<>(), "random", true)
                        .build();
        converter.open(Fixtures.writerContext());
    }

    private static JsonRowDataSerializationSchema newFormat() {
        // what the 'json' format builds with its default options
        return new JsonRowDataSerializationSchema(
                Fixtures.PHYSICAL_ROW_TYPE,
                TimestampFormat.SQL,
                JsonFormatOptions.MapNullKeyMode.FAIL,
                "null",
                false,
                false);
    }

    private RowData nextRow() {
        RowData r = rows[next];
        next = (next + 1) & (Fixtures.COUNT - 1);
        return r;
    }

    @Benchmark
    public byte[] plainFormat() {
        return plain.serialize(nextRow());
    }

    @Benchmark
    public KinesisSinkEntry oursElementConverter() {
        return converter.apply(nextRow(), null);
    }
}
