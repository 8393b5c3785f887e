package io.github.flinkkinesis.glue.registry.avro;

import io.github.flinkkinesis.glue.registry.GsrFrame;
import io.github.flinkkinesis.glue.registry.RegistryFormatConfig;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistry;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.avro.RowDataToAvroConverters;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Writes rows as registry-framed Avro records. The writer schema is the table's (Flink's Avro type
 * mapping); {@link #open} finds the schema version with exactly that definition, or registers it
 * when {@code schema.autoRegistration} is on, and every record then carries that version id in its
 * header, with the payload compressed as {@code schema.compression} says.
 *
 * <p>Lifecycle: built by the planner, shipped to the task managers; {@link #open} talks to the
 * registry once and closes the connection. Used by one task thread.
 */
@Internal
public final class AvroGlueSerializationSchema implements SerializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final RegistryFormatConfig config;
    private final SchemaRegistry.Factory registryFactory;

    private transient Schema schema;
    private transient UUID versionId;
    private transient RowDataToAvroConverters.RowDataToAvroConverter converter;
    private transient GenericDatumWriter<GenericRecord> writer;
    private transient ExposedBytes out;
    private transient BinaryEncoder encoder;

    public AvroGlueSerializationSchema(
            RowType rowType, RegistryFormatConfig config, SchemaRegistry.Factory registryFactory) {
        this.rowType = Objects.requireNonNull(rowType);
        this.config = Objects.requireNonNull(config);
        this.registryFactory = Objects.requireNonNull(registryFactory);
    }

    /**
     * The Avro schema a table with these columns writes (and registers): a record (the row itself
     * is never null), with Flink's type mapping for the columns.
     */
    public static Schema writerSchema(RowType rowType) {
        return AvroSchemaConverter.convertToSchema(rowType.copy(false));
    }

    @Override
    public void open(InitializationContext context) {
        schema = writerSchema(rowType);
        String definition = schema.toString();
        try (SchemaRegistry registry = registryFactory.create()) {
            versionId =
                    registry.find(config.registryName(), config.schemaName(), definition)
                            .orElseGet(() -> register(registry, definition));
        }
        converter = RowDataToAvroConverters.createConverter(rowType);
        writer = new GenericDatumWriter<>(schema);
        out = new ExposedBytes();
    }

    private UUID register(SchemaRegistry registry, String definition) {
        if (!config.autoRegistration()) {
            throw new SchemaRegistryException(
                    "Schema '"
                            + config.schemaName()
                            + "' of Glue Schema Registry '"
                            + config.registryName()
                            + "' has no version with the table's Avro schema: set"
                            + " 'avro-glue.schema.autoRegistration' = 'true', or register this"
                            + " definition: "
                            + definition,
                    null);
        }
        return registry.register(
                config.registryName(),
                config.schemaName(),
                "AVRO",
                definition,
                config.compatibility());
    }

    @Override
    public byte[] serialize(RowData row) {
        out.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        try {
            writer.write((GenericRecord) converter.convert(schema, row), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "avro-glue: could not write a row with schema version id " + versionId, e);
        }
        return GsrFrame.frame(versionId, config.compression(), out.buffer(), out.size());
    }

    /** The schema version id records carry, once open. */
    UUID versionId() {
        return versionId;
    }

    /** A byte stream whose buffer is read in place (no copy per record). */
    private static final class ExposedBytes extends ByteArrayOutputStream {
        ExposedBytes() {
            super(256);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
