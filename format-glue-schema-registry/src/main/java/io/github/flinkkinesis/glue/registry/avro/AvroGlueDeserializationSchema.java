package io.github.flinkkinesis.glue.registry.avro;

import io.github.flinkkinesis.glue.registry.GsrFrame;
import io.github.flinkkinesis.glue.registry.RegistryFormatConfig;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistry;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistryException;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.AvroToRowDataConverters;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads registry-framed Avro records into rows: the header names the writer schema version, whose
 * definition is fetched once per id (then cached by size and TTL) and resolved against the table's
 * reader schema ({@link ReaderSchemas}) with Avro's schema evolution rules.
 *
 * <p>A record without the header, with an unknown schema version id or that does not decode fails
 * with a message naming the schema version id (connectors add where the record came from), or is
 * skipped and counted in the {@value #SKIPPED_METRIC} counter with {@code ignore-parse-errors}.
 * Registry failures the user must fix (access denied, ...) always fail.
 *
 * <p>Lifecycle: built by the planner, shipped to the task managers; {@link #open} connects to the
 * registry and chooses the reader schema. Used by one task thread. A {@code DeserializationSchema}
 * has no close: the registry client lives as long as the task (it is only called for schema
 * versions not in the cache).
 */
@Internal
public final class AvroGlueDeserializationSchema implements DeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    /** Counter of records skipped with {@code ignore-parse-errors}. */
    public static final String SKIPPED_METRIC = "avroGlueSkippedRecords";

    private final RowType rowType;
    private final TypeInformation<RowData> producedType;
    private final RegistryFormatConfig config;
    private final SchemaRegistry.Factory registryFactory;

    private transient SchemaRegistry registry;
    private transient Schema readerSchema;
    private transient AvroToRowDataConverters.AvroToRowDataConverter converter;
    private transient WriterSchemaCache<GenericDatumReader<GenericRecord>> readers;
    private transient BinaryDecoder decoder;
    private transient Counter skipped;
    private transient GsrFrame.Inflating inflating;

    public AvroGlueDeserializationSchema(
            RowType rowType,
            TypeInformation<RowData> producedType,
            RegistryFormatConfig config,
            SchemaRegistry.Factory registryFactory) {
        this.rowType = Objects.requireNonNull(rowType);
        this.producedType = Objects.requireNonNull(producedType);
        this.config = Objects.requireNonNull(config);
        this.registryFactory = Objects.requireNonNull(registryFactory);
    }

    @Override
    public void open(InitializationContext context) {
        registry = registryFactory.create();
        readerSchema = ReaderSchemas.readerSchema(registry, config, rowType);
        converter = AvroToRowDataConverters.createRowConverter(rowType);
        readers =
                new WriterSchemaCache<>(
                        config.cacheSize(), config.cacheTtlMillis(), System::nanoTime);
        skipped = context.getMetricGroup().counter(SKIPPED_METRIC);
        inflating = new GsrFrame.Inflating();
    }

    @Override
    public RowData deserialize(byte[] message) throws IOException {
        if (message == null) {
            return null;
        }
        UUID id = null;
        try {
            GsrFrame frame = GsrFrame.parse(message, inflating);
            id = frame.schemaVersionId();
            GenericDatumReader<GenericRecord> reader = readers.get(id, this::readerFor);
            decoder =
                    DecoderFactory.get()
                            .binaryDecoder(
                                    frame.payload(), frame.offset(), frame.length(), decoder);
            GenericRecord record = reader.read(null, decoder);
            return (RowData) converter.convert(record);
        } catch (SchemaRegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (config.ignoreParseErrors()) {
                skipped.inc();
                return null;
            }
            throw new IOException(describe(id, e), e);
        }
    }

    private GenericDatumReader<GenericRecord> readerFor(UUID id) {
        Schema writer = new Schema.Parser().parse(registry.definition(id));
        return new GenericDatumReader<>(writer, readerSchema);
    }

    private String describe(UUID id, Exception e) {
        if (id == null) {
            return "avro-glue: " + e.getMessage();
        }
        return "avro-glue: the record of schema version id "
                + id
                + " does not decode as schema '"
                + config.schemaName()
                + "' of registry '"
                + config.registryName()
                + "': "
                + e;
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }

    /** The reader schema chosen in {@link #open}, for tests and logs. */
    Schema readerSchema() {
        return readerSchema;
    }
}
