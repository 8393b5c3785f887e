package io.github.flinkkinesis.benchmarks.jmh;

import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compatibility;
import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compression;
import io.github.flinkkinesis.glue.registry.RegistryFormatConfig;
import io.github.flinkkinesis.glue.registry.avro.AvroGlueDeserializationSchema;
import io.github.flinkkinesis.glue.registry.avro.AvroGlueSerializationSchema;
import io.github.flinkkinesis.glue.registry.client.RegisteredSchema;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.avro.AvroRowDataDeserializationSchema;
import org.apache.flink.formats.avro.AvroRowDataSerializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
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

/**
 * The {@code avro-glue} format's decoding against Flink's plain {@code avro} format on the same
 * rows (8 columns): {@code plainAvro} decodes the Avro bytes alone, {@code avroGlue} the same rows
 * framed by the registry (header, schema version lookup in a warm cache, Avro schema resolution
 * against the reader schema), {@code avroGlueZlib} the same with ZLIB payloads. The registry is an
 * in-memory one behind the format's seam: after the first record of each version the cache answers,
 * as in a running job. Every produced row is read field by field.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class AvroGlueDecodeBenchmark {

    private static final int ROWS = 1024;

    private static final RowType TABLE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("order_id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("customer", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DOUBLE()),
                                    DataTypes.FIELD("quantity", DataTypes.INT()),
                                    DataTypes.FIELD("currency", DataTypes.STRING()),
                                    DataTypes.FIELD("created", DataTypes.TIMESTAMP(3)),
                                    DataTypes.FIELD("paid", DataTypes.BOOLEAN()),
                                    DataTypes.FIELD("note", DataTypes.STRING()))
                            .notNull()
                            .getLogicalType();

    private byte[][] plainRecords;
    private byte[][] glueRecords;
    private byte[][] glueZlibRecords;
    private int next;
    private AvroRowDataDeserializationSchema plain;
    private AvroGlueDeserializationSchema glue;
    private RowData.FieldGetter[] getters;

    @Setup
    public void setup() throws Exception {
        InMemoryRegistry registry = new InMemoryRegistry();
        Context context = new Context();
        AvroRowDataSerializationSchema plainWriter = new AvroRowDataSerializationSchema(TABLE);
        plainWriter.open(context);
        AvroGlueSerializationSchema glueWriter =
                new AvroGlueSerializationSchema(TABLE, config(Compression.NONE), () -> registry);
        glueWriter.open(context);
        AvroGlueSerializationSchema zlibWriter =
                new AvroGlueSerializationSchema(TABLE, config(Compression.ZLIB), () -> registry);
        zlibWriter.open(context);

        Random random = new Random(42);
        plainRecords = new byte[ROWS][];
        glueRecords = new byte[ROWS][];
        glueZlibRecords = new byte[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            GenericRowData row =
                    GenericRowData.of(
                            (long) i,
                            StringData.fromString("customer-" + random.nextInt(1000)),
                            random.nextDouble() * 100,
                            random.nextInt(10),
                            StringData.fromString(random.nextBoolean() ? "EUR" : "USD"),
                            TimestampData.fromEpochMillis(1_700_000_000_000L + i),
                            random.nextBoolean(),
                            i % 3 == 0 ? null : StringData.fromString("gift wrap, ring twice"));
            plainRecords[i] = plainWriter.serialize(row);
            glueRecords[i] = glueWriter.serialize(row);
            glueZlibRecords[i] = zlibWriter.serialize(row);
        }

        plain = new AvroRowDataDeserializationSchema(TABLE, InternalTypeInfo.of(TABLE));
        plain.open(context);
        glue =
                new AvroGlueDeserializationSchema(
                        TABLE,
                        InternalTypeInfo.of(TABLE),
                        config(Compression.NONE),
                        () -> registry);
        glue.open(context);
        getters = new RowData.FieldGetter[TABLE.getFieldCount()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = RowData.createFieldGetter(TABLE.getTypeAt(i), i);
        }
        // warm the schema cache: a running job has seen the version already
        glue.deserialize(glueRecords[0]);
        glue.deserialize(glueZlibRecords[0]);
    }

    private static RegistryFormatConfig config(Compression compression) {
        return new RegistryFormatConfig(
                "bench",
                "orders",
                null,
                true,
                Compatibility.NONE,
                compression,
                200,
                86_400_000L,
                false);
    }

    private void consume(RowData row, Blackhole bh) {
        for (RowData.FieldGetter getter : getters) {
            bh.consume(getter.getFieldOrNull(row));
        }
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (ROWS - 1);
        return i;
    }

    @Benchmark
    public void plainAvro(Blackhole bh) throws Exception {
        consume(plain.deserialize(plainRecords[nextIndex()]), bh);
    }

    @Benchmark
    public void avroGlue(Blackhole bh) throws Exception {
        consume(glue.deserialize(glueRecords[nextIndex()]), bh);
    }

    @Benchmark
    public void avroGlueZlib(Blackhole bh) throws Exception {
        consume(glue.deserialize(glueZlibRecords[nextIndex()]), bh);
    }

    /** A registry in memory: what the cache would hold after the first record of a version. */
    private static final class InMemoryRegistry implements SchemaRegistry {
        private final Map<UUID, String> definitions = new HashMap<>();

        @Override
        public String definition(UUID schemaVersionId) {
            return definitions.get(schemaVersionId);
        }

        @Override
        public Optional<RegisteredSchema> version(
                String registry, String schema, OptionalInt versionNumber) {
            return definitions.entrySet().stream()
                    .findFirst()
                    .map(e -> new RegisteredSchema(e.getKey(), 1, e.getValue()));
        }

        @Override
        public Optional<UUID> find(String registry, String schema, String definition) {
            return definitions.entrySet().stream()
                    .filter(e -> e.getValue().equals(definition))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }

        @Override
        public UUID register(
                String registry,
                String schema,
                String dataFormat,
                String definition,
                Compatibility compatibility) {
            UUID id = UUID.randomUUID();
            definitions.put(id, definition);
            return id;
        }

        @Override
        public void close() {}
    }

    private static final class Context
            implements DeserializationSchema.InitializationContext,
                    SerializationSchema.InitializationContext {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }
    }
}
