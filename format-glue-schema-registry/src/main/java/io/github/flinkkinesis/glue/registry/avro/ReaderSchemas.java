package io.github.flinkkinesis.glue.registry.avro;

import io.github.flinkkinesis.glue.registry.RegistryFormatConfig;
import io.github.flinkkinesis.glue.registry.client.RegisteredSchema;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.flink.annotation.Internal;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the reader schema of an {@code avro-glue} table: the registry schema the table names
 * (latest version, or the pinned one) projected onto the table's columns, so that Avro's schema
 * resolution fills a field that older writers lack with the registry's default; the table's own
 * columns only when the registry has no such schema yet. The projected record lists the columns in
 * table order, which is what Flink's row converter expects.
 */
@Internal
public final class ReaderSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderSchemas.class);

    private ReaderSchemas() {}

    /** The reader schema for {@code table}, asking {@code registry} for the named schema. */
    public static Schema readerSchema(
            SchemaRegistry registry, RegistryFormatConfig config, RowType table) {
        Optional<RegisteredSchema> registered =
                registry.version(config.registryName(), config.schemaName(), config.version());
        if (registered.isEmpty()) {
            if (config.version().isPresent()) {
                throw new ValidationException(
                        "Schema '"
                                + config.schemaName()
                                + "' of Glue Schema Registry '"
                                + config.registryName()
                                + "' has no version "
                                + config.version().getAsInt()
                                + ": check option 'avro-glue.schema.version' (or remove it to read"
                                + " with the latest version).");
            }
            LOG.warn(
                    "Schema '{}' of Glue Schema Registry '{}' does not exist: records are read with"
                            + " a reader schema made from the table's columns",
                    config.schemaName(),
                    config.registryName());
            return AvroGlueSerializationSchema.writerSchema(table);
        }
        RegisteredSchema schema = registered.get();
        Schema parsed = new Schema.Parser().parse(schema.definition());
        return project(
                parsed,
                table,
                "schema '"
                        + config.schemaName()
                        + "' version "
                        + schema.versionNumber()
                        + " of registry '"
                        + config.registryName()
                        + "'");
    }

    /**
     * {@code registered} reduced to the table's columns, in table order, each with the registry's
     * type and default; a nullable column the schema lacks reads as NULL.
     */
    static Schema project(Schema registered, RowType table, String what) {
        if (registered.getType() != Schema.Type.RECORD) {
            throw new ValidationException(
                    "The "
                            + what
                            + " is an Avro "
                            + registered.getType()
                            + ", not a record: a table reads records.");
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (RowType.RowField column : table.getFields()) {
            Schema.Field field = registered.getField(column.getName());
            if (field != null) {
                checkType(column, field.schema(), what);
                fields.add(
                        new Schema.Field(
                                column.getName(), field.schema(), field.doc(), field.defaultVal()));
            } else if (column.getType().isNullable()) {
                fields.add(
                        new Schema.Field(
                                column.getName(),
                                AvroSchemaConverter.convertToSchema(
                                        column.getType(),
                                        registered.getName() + "_" + column.getName()),
                                null,
                                Schema.Field.NULL_DEFAULT_VALUE));
            } else {
                throw new ValidationException(
                        "Column '"
                                + column.getName()
                                + "' is NOT NULL but the "
                                + what
                                + " has no such field: make the column nullable (it reads as"
                                + " NULL) or add the field to the schema.");
            }
        }
        return Schema.createRecord(
                registered.getName(),
                registered.getDoc(),
                registered.getNamespace(),
                registered.isError(),
                fields);
    }

    private static void checkType(RowType.RowField column, Schema field, String what) {
        LogicalType avro = AvroSchemaConverter.convertToDataType(field.toString()).getLogicalType();
        LogicalType flink = column.getType();
        if (!compatible(flink, avro)) {
            throw new ValidationException(
                    "Column '"
                            + column.getName()
                            + "' is "
                            + flink.asSummaryString()
                            + " but field '"
                            + column.getName()
                            + "' of the "
                            + what
                            + " is Avro "
                            + field
                            + " (Flink "
                            + avro.asSummaryString()
                            + "): declare the column with that type.");
        }
    }

    private static boolean compatible(LogicalType flink, LogicalType avro) {
        LogicalTypeRoot f = flink.getTypeRoot();
        LogicalTypeRoot a = avro.getTypeRoot();
        if (f == a) {
            return true;
        }
        for (LogicalTypeFamily family :
                Set.of(
                        LogicalTypeFamily.CHARACTER_STRING,
                        LogicalTypeFamily.BINARY_STRING,
                        LogicalTypeFamily.TIMESTAMP)) {
            if (f.getFamilies().contains(family) && a.getFamilies().contains(family)) {
                return true;
            }
        }
        return a == LogicalTypeRoot.INTEGER
                && (f == LogicalTypeRoot.TINYINT || f == LogicalTypeRoot.SMALLINT);
    }
}
