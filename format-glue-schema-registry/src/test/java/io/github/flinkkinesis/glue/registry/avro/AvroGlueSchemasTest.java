package io.github.flinkkinesis.glue.registry.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compatibility;
import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compression;
import io.github.flinkkinesis.glue.registry.GsrFrame;
import io.github.flinkkinesis.glue.registry.RegistryFormatConfig;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistryException;
import io.github.flinkkinesis.glue.registry.testutil.fakes.FakeSchemaRegistry;
import io.github.flinkkinesis.glue.registry.testutil.fakes.TestContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

/**
 * The reading and writing schemas against a fake registry: schema evolution with the registry's
 * defaults, the cache, compression, error policy and registration — what moto cannot show
 * (compatibility, access denied).
 */
class AvroGlueSchemasTest {

    private static final String REGISTRY = "reg";
    private static final String SCHEMA = "orders";

    private static final String V1 =
            "{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"long\"},"
                    + "{\"name\":\"amount\",\"type\":\"double\"}]}";
    private static final String V2 =
            "{\"type\":\"record\",\"name\":\"Order\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"long\"},"
                    + "{\"name\":\"amount\",\"type\":\"double\"},"
                    + "{\"name\":\"currency\",\"type\":\"string\",\"default\":\"EUR\"}]}";

    private static final DataType TABLE =
            DataTypes.ROW(
                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                    DataTypes.FIELD("currency", DataTypes.STRING()),
                    DataTypes.FIELD("amount", DataTypes.DOUBLE()));

    private final String name = "fake-" + UUID.randomUUID();
    private final FakeSchemaRegistry registry = FakeSchemaRegistry.create(name);
    private final TestContexts context = new TestContexts();

    private static RegistryFormatConfig config(
            Integer version, boolean autoRegister, Compression compression, boolean ignore) {
        return new RegistryFormatConfig(
                REGISTRY,
                SCHEMA,
                version,
                autoRegister,
                Compatibility.BACKWARD,
                compression,
                2,
                60_000,
                ignore);
    }

    private AvroGlueDeserializationSchema reader(DataType table, RegistryFormatConfig config) {
        AvroGlueDeserializationSchema schema =
                new AvroGlueDeserializationSchema(
                        (RowType) table.getLogicalType(),
                        InternalTypeInfo.of(table.getLogicalType()),
                        config,
                        FakeSchemaRegistry.factory(name));
        schema.open(context);
        return schema;
    }

    private static byte[] avro(String definition, Object... values) throws IOException {
        Schema schema = new Schema.Parser().parse(definition);
        GenericRecord record = new GenericData.Record(schema);
        for (int i = 0; i < values.length; i++) {
            record.put(i, values[i]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] framed(UUID id, Compression compression, byte[] avro) {
        return GsrFrame.frame(id, compression, avro, avro.length);
    }

    private static GenericRowData row(long id, String currency, double amount) {
        return GenericRowData.of(id, StringData.fromString(currency), amount);
    }

    @Test
    void olderRecordsReadTheLatestVersionsDefaultAndColumnsFollowTableOrder() throws Exception {
        UUID v1 = registry.addVersion(REGISTRY, SCHEMA, V1);
        UUID v2 = registry.addVersion(REGISTRY, SCHEMA, V2);
        AvroGlueDeserializationSchema reader =
                reader(TABLE, config(null, false, Compression.NONE, false));

        assertThat(reader.deserialize(framed(v1, Compression.NONE, avro(V1, 1L, 2.5))))
                .isEqualTo(row(1, "EUR", 2.5));
        assertThat(reader.deserialize(framed(v2, Compression.ZLIB, avro(V2, 2L, 3.0, "USD"))))
                .isEqualTo(row(2, "USD", 3.0));
        assertThat(reader.deserialize(framed(v1, Compression.NONE, avro(V1, 3L, 4.0))))
                .isEqualTo(row(3, "EUR", 4.0));
        // one definition fetch per schema version, then the cache
        assertThat(registry.definitionCalls).hasValue(2);
    }

    @Test
    void aPinnedVersionWithoutTheFieldReadsNullForANullableColumnUnlessTheWriterHasIt()
            throws Exception {
        UUID v1 = registry.addVersion(REGISTRY, SCHEMA, V1);
        UUID v2 = registry.addVersion(REGISTRY, SCHEMA, V2);
        AvroGlueDeserializationSchema reader =
                reader(TABLE, config(1, false, Compression.NONE, false));

        assertThat(reader.deserialize(framed(v1, Compression.NONE, avro(V1, 1L, 2.5))))
                .isEqualTo(GenericRowData.of(1L, null, 2.5));
        assertThat(reader.deserialize(framed(v2, Compression.NONE, avro(V2, 2L, 3.0, "USD"))))
                .isEqualTo(row(2, "USD", 3.0));
    }

    @Test
    void aPinnedVersionThatDoesNotExistFailsNamingTheOption() {
        registry.addVersion(REGISTRY, SCHEMA, V1);
        assertThatThrownBy(() -> reader(TABLE, config(7, false, Compression.NONE, false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no version 7")
                .hasMessageContaining("'avro-glue.schema.version'");
    }

    @Test
    void withoutARegistrySchemaTheTableColumnsAreTheReaderSchema() throws Exception {
        DataType table =
                DataTypes.ROW(
                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                        DataTypes.FIELD("amount", DataTypes.DOUBLE()));
        // the writers' schema lives in another schema name the table does not name
        UUID writer = registry.addVersion(REGISTRY, "other", V2);
        AvroGlueDeserializationSchema reader =
                reader(table, config(null, false, Compression.NONE, false));

        assertThat(reader.readerSchema().getFields())
                .extracting(Schema.Field::name)
                .containsExactly("id", "amount");
        assertThat(reader.deserialize(framed(writer, Compression.NONE, avro(V2, 5L, 1.5, "X"))))
                .isEqualTo(GenericRowData.of(5L, 1.5));
    }

    @Test
    void aColumnWhoseTypeDiffersFromTheRegistryFieldFailsAtOpen() {
        registry.addVersion(REGISTRY, SCHEMA, V1);
        DataType table = DataTypes.ROW(DataTypes.FIELD("id", DataTypes.STRING()));
        assertThatThrownBy(() -> reader(table, config(null, false, Compression.NONE, false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'id' is STRING")
                .hasMessageContaining("\"long\"");
    }

    @Test
    void badRecordsFailNamingTheSchemaVersionOrAreSkippedAndCounted() throws Exception {
        UUID v1 = registry.addVersion(REGISTRY, SCHEMA, V1);
        UUID unknown = UUID.randomUUID();
        byte[] noHeader = "{\"id\": 1, \"amount\": 2.0, \"x\": 3}".getBytes();
        byte[] unknownVersion = framed(unknown, Compression.NONE, avro(V1, 1L, 2.5));
        byte[] truncated = framed(v1, Compression.NONE, new byte[] {2});

        AvroGlueDeserializationSchema strict =
                reader(TABLE, config(null, false, Compression.NONE, false));
        assertThatThrownBy(() -> strict.deserialize(noHeader))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Glue Schema Registry header");
        assertThatThrownBy(() -> strict.deserialize(unknownVersion))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("schema version id " + unknown);
        assertThatThrownBy(() -> strict.deserialize(truncated))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("schema version id " + v1)
                .hasMessageContaining("does not decode");

        AvroGlueDeserializationSchema lenient =
                reader(TABLE, config(null, false, Compression.NONE, true));
        assertThat(lenient.deserialize(noHeader)).isNull();
        assertThat(lenient.deserialize(unknownVersion)).isNull();
        assertThat(lenient.deserialize(truncated)).isNull();
        assertThat(lenient.deserialize(framed(v1, Compression.NONE, avro(V1, 9L, 1.0))))
                .isEqualTo(GenericRowData.of(9L, null, 1.0));
        assertThat(context.counters.get(AvroGlueDeserializationSchema.SKIPPED_METRIC).getCount())
                .isEqualTo(3);
    }

    @Test
    void registryFailuresAreNeverSkipped() throws Exception {
        UUID v1 = registry.addVersion(REGISTRY, SCHEMA, V1);
        AvroGlueDeserializationSchema lenient =
                reader(TABLE, config(null, false, Compression.NONE, true));
        registry.failWith(FakeSchemaRegistry.accessDenied());

        assertThatThrownBy(
                        () -> lenient.deserialize(framed(v1, Compression.NONE, avro(V1, 1L, 1.0))))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("denied glue:GetSchemaVersion");
    }

    private AvroGlueSerializationSchema writer(DataType table, RegistryFormatConfig config) {
        AvroGlueSerializationSchema schema =
                new AvroGlueSerializationSchema(
                        (RowType) table.getLogicalType(), config, FakeSchemaRegistry.factory(name));
        schema.open(context);
        return schema;
    }

    @Test
    void writingRegistersTheTableSchemaOnceWithItsCompatibilityAndFramesEveryRecord()
            throws Exception {
        AvroGlueSerializationSchema writer =
                writer(TABLE, config(null, true, Compression.ZLIB, false));
        byte[] first = writer.serialize(row(1, "GBP", 1.25));
        byte[] second = writer.serialize(row(2, null, 2.5));

        assertThat(registry.registerCalls).hasValue(1);
        assertThat(registry.compatibility(REGISTRY, SCHEMA)).contains(Compatibility.BACKWARD);
        assertThat(registry.versions(REGISTRY, SCHEMA)).hasSize(1);
        UUID id = registry.versions(REGISTRY, SCHEMA).get(0).versionId();
        assertThat(GsrFrame.parse(first).schemaVersionId()).isEqualTo(id);
        assertThat(first[1]).isEqualTo(GsrFrame.COMPRESSION_ZLIB);

        AvroGlueDeserializationSchema reader =
                reader(TABLE, config(null, false, Compression.NONE, false));
        assertThat(reader.deserialize(first)).isEqualTo(row(1, "GBP", 1.25));
        RowData back = reader.deserialize(second);
        assertThat(back.isNullAt(1)).isTrue();

        // a second writer of the same table finds the version instead of registering again
        writer(TABLE, config(null, true, Compression.NONE, false));
        assertThat(registry.registerCalls).hasValue(1);
    }

    @Test
    void withoutAutoRegistrationAnUnknownTableSchemaFailsAtOpenSayingWhatToDo() {
        assertThatThrownBy(() -> writer(TABLE, config(null, false, Compression.NONE, false)))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("'avro-glue.schema.autoRegistration' = 'true'")
                .hasMessageContaining("\"name\":\"currency\"");
        assertThat(registry.versions(REGISTRY, SCHEMA)).isEmpty();
    }
}
