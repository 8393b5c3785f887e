package io.github.flinkkinesis.benchmarks.jmh;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.source.reader.KinesisRecordEmitter;
import io.github.flinkkinesis.kinesis.source.reader.KinesisShardSplitState;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import io.github.flinkkinesis.kinesis.table.RowDataKinesisDeserializer;
import io.github.flinkkinesis.kinesis.table.metadata.ReadableMetadata;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonParserRowDataDeserializationSchema;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.DataTypeUtils;
import org.apache.flink.util.Collector;
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
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The source's per-record hot path: a Kinesis record's bytes to a table row. {@code plainFormat} is
 * Flink's JSON format alone (the floor: what any connector must pay); the others go through our
 * connector's deserializer without and with the three metadata columns (timestamp, shard-id,
 * sequence-number), and through the whole record emitter (timestamps, split state). Every produced
 * row is read field by field, as the next operator would. The {@code ...ThenCopied} variants also
 * copy each row with the table's {@link RowDataSerializer}, as Flink does between chained operators
 * when object reuse is off (its default): the part of a metadata column's cost that is Flink's,
 * paid by any connector for any extra column.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class DecodeBenchmark {

    private static final ReadableMetadata[] THREE =
            new ReadableMetadata[] {
                ReadableMetadata.TIMESTAMP,
                ReadableMetadata.SHARD_ID,
                ReadableMetadata.SEQUENCE_NUMBER
            };

    private Record[] records;
    private int next;
    private JsonParserRowDataDeserializationSchema plain;
    private RowDataKinesisDeserializer noMetadata;
    private RowDataKinesisDeserializer threeMetadata;
    private KinesisRecordEmitter<RowData> emitter;
    private KinesisShardSplitState splitState;
    private ConsumingCollector collector;
    private ConsumingOutput output;
    private CopyingCollector copyingPhysical;
    private CopyingCollector copyingWithMetadata;

    @Setup
    public void setup(Blackhole bh) throws Exception {
        records = Fixtures.records();
        plain = newFormat();
        plain.open(Fixtures.deserializationContext());
        noMetadata =
                new RowDataKinesisDeserializer(
                        newFormat(),
                        null,
                        new ReadableMetadata[0],
                        Fixtures.typeInfo(Fixtures.PHYSICAL));
        noMetadata.open(Fixtures.deserializationContext());
        DataType withMetadata =
                DataTypeUtils.appendRowFields(
                        Fixtures.PHYSICAL,
                        List.of(
                                DataTypes.FIELD("arrival", DataTypes.TIMESTAMP_LTZ(3).notNull()),
                                DataTypes.FIELD("shard_id", DataTypes.STRING().notNull()),
                                DataTypes.FIELD("seq", DataTypes.STRING().notNull())));
        threeMetadata =
                new RowDataKinesisDeserializer(
                        newFormat(), null, THREE, Fixtures.typeInfo(withMetadata));
        threeMetadata.open(Fixtures.deserializationContext());
        emitter =
                new KinesisRecordEmitter<>(
                        threeMetadata, new KplDeaggregator(new UnregisteredMetricsGroup()));
        splitState =
                new KinesisShardSplitState(
                        new KinesisShardSplit(
                                StreamId.parse("bench-stream"),
                                "shardId-000000000001",
                                StartingPosition.trimHorizon(),
                                StopCondition.none(),
                                List.of()));
        collector = new ConsumingCollector(bh);
        output = new ConsumingOutput(bh);
        copyingPhysical = new CopyingCollector(Fixtures.PHYSICAL, bh);
        copyingWithMetadata = new CopyingCollector(withMetadata, bh);
    }

    private static JsonParserRowDataDeserializationSchema newFormat() {
        // what the 'json' format builds with its default options (parser-based decoding)
        return new JsonParserRowDataDeserializationSchema(
                Fixtures.PHYSICAL_ROW_TYPE,
                Fixtures.typeInfo(Fixtures.PHYSICAL),
                false,
                false,
                TimestampFormat.SQL);
    }

    private Record nextRecord() {
        Record r = records[next];
        next = (next + 1) & (Fixtures.COUNT - 1);
        return r;
    }

    @Benchmark
    public void plainFormat() throws Exception {
        plain.deserialize(nextRecord().data().asByteArrayUnsafe(), collector);
    }

    @Benchmark
    public void oursNoMetadata() throws Exception {
        noMetadata.deserialize(nextRecord(), "bench-stream", "shardId-000000000001", collector);
    }

    @Benchmark
    public void oursThreeMetadata() throws Exception {
        threeMetadata.deserialize(nextRecord(), "bench-stream", "shardId-000000000001", collector);
    }

    @Benchmark
    public void oursNoMetadataThenCopied() throws Exception {
        noMetadata.deserialize(
                nextRecord(), "bench-stream", "shardId-000000000001", copyingPhysical);
    }

    @Benchmark
    public void oursThreeMetadataThenCopied() throws Exception {
        threeMetadata.deserialize(
                nextRecord(), "bench-stream", "shardId-000000000001", copyingWithMetadata);
    }

    @Benchmark
    public void oursEmitterThreeMetadata() throws Exception {
        emitter.emitRecord(nextRecord(), output, splitState);
    }

    /** Reads every field of each row into the blackhole. */
    private static final class ConsumingCollector implements Collector<RowData> {
        private final Blackhole bh;

        ConsumingCollector(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void collect(RowData row) {
            Fixtures.consume(row, bh);
        }

        @Override
        public void close() {}
    }

    /** Copies each row as a chained operator's input would get it, then reads the copy. */
    private static final class CopyingCollector implements Collector<RowData> {
        private final RowDataSerializer serializer;
        private final Blackhole bh;

        CopyingCollector(DataType rowType, Blackhole bh) {
            this.serializer = new RowDataSerializer((RowType) rowType.getLogicalType());
            this.bh = bh;
        }

        @Override
        public void collect(RowData row) {
            Fixtures.consume(serializer.copy(row), bh);
        }

        @Override
        public void close() {}
    }

    /** A reader output that reads every field of each row into the blackhole. */
    private static final class ConsumingOutput implements SourceOutput<RowData> {
        private final Blackhole bh;

        ConsumingOutput(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void collect(RowData row) {
            Fixtures.consume(row, bh);
        }

        @Override
        public void collect(RowData row, long timestamp) {
            bh.consume(timestamp);
            Fixtures.consume(row, bh);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
