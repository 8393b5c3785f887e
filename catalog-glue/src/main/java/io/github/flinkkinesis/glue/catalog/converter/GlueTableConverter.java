package io.github.flinkkinesis.glue.catalog.converter;

import static io.github.flinkkinesis.glue.catalog.converter.GlueParameterKeys.CURRENT_FORMAT_VERSION;
import static io.github.flinkkinesis.glue.catalog.converter.GlueParameterKeys.FLINK_PREFIX;
import static io.github.flinkkinesis.glue.catalog.converter.GlueParameterKeys.FORMAT_VERSION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogPropertiesUtil;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Converts Flink tables and views to Glue {@link TableInput}s and Glue {@link Table}s back to
 * Flink, losslessly for everything Flink wrote.
 *
 * <p>What is stored for a Flink table or view:
 *
 * <ul>
 *   <li>parameters: Flink's own serialization ({@link CatalogPropertiesUtil}) of the schema
 *       (physical, computed and metadata columns with their metadata keys and VIRTUAL flag, exact
 *       types, watermark, primary key, column comments), comment, partition keys, distribution and
 *       options, every key prefixed with {@value GlueParameterKeys#FLINK_PREFIX}; the format
 *       version {@value GlueParameterKeys#FORMAT_VERSION}; for Kinesis tables also Glue's own
 *       Kinesis keys ({@link GlueKinesisKeys});
 *   <li>the storage descriptor: the physical columns (minus partition keys) as Hive-typed columns
 *       ({@link HiveTypes}), so Athena and Glue jobs see typed columns;
 *   <li>partition keys as Hive-typed Glue partition keys; views as {@code VIRTUAL_VIEW} with their
 *       original and expanded text.
 * </ul>
 *
 * <p>Reading gives Flink's unresolved {@link CatalogTable} / {@link CatalogView}; Flink resolves it
 * exactly as it resolved the original. Glue tables without Flink parameters come back from their
 * Hive columns: as {@code kinesis} tables when Glue marks them {@code typeOfData=kinesis}, else as
 * tables without a connector (visible, not queryable).
 */
@Internal
public final class GlueTableConverter {

    // CatalogPropertiesUtil is @Internal in Flink, and Flink has no public API that serializes a
    // resolved table or view to string properties and back; it is the serialization Flink's own
    // catalogs store, so it is used here (deserializing) and in FlinkTableSerialization (whose
    // signature differs between Flink lines) and nowhere else.

    private static final String ORIGINAL_QUERY = "original-query";
    private static final String EXPANDED_QUERY = "expanded-query";

    private GlueTableConverter() {}

    /** The Glue input of a Flink table; {@code options} are the options to store (no secrets). */
    public static TableInput toTableInput(String glueName, ResolvedCatalogTable table) {
        Map<String, String> flink = serialize(table);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (GlueKinesisKeys.isKinesisTable(table.getOptions())) {
            parameters.putAll(GlueKinesisKeys.tableParameters(table.getOptions()));
        }
        parameters.put(GlueParameterKeys.EXTERNAL, "TRUE");
        parameters.putAll(flink);
        checkSizes(glueName, parameters);

        List<String> partitionKeys = table.getPartitionKeys();
        StorageDescriptor.Builder sd =
                StorageDescriptor.builder()
                        .columns(columns(table.getResolvedSchema(), partitionKeys, false));
        if (GlueKinesisKeys.isKinesisTable(table.getOptions())) {
            GlueKinesisKeys.describeStorage(table.getOptions(), sd);
        }
        return TableInput.builder()
                .name(glueName)
                .description(description(table.getComment()))
                .tableType(GlueParameterKeys.TABLE_TYPE_TABLE)
                .parameters(parameters)
                .storageDescriptor(sd.build())
                .partitionKeys(columns(table.getResolvedSchema(), partitionKeys, true))
                .build();
    }

    /** The Glue input of a Flink view: a VIRTUAL_VIEW with its original and expanded text. */
    public static TableInput toViewInput(String glueName, ResolvedCatalogView view) {
        Map<String, String> serialized;
        try {
            serialized = FlinkTableSerialization.serializeView(view);
        } catch (RuntimeException e) {
            throw new CatalogException(
                    "Cannot store view " + glueName + " in Glue: " + e.getMessage(), e);
        }
        Map<String, String> flink = prefixed(serialized);
        // the query texts live in Glue's own view fields, not twice in the parameters
        flink.remove(FLINK_PREFIX + ORIGINAL_QUERY);
        flink.remove(FLINK_PREFIX + EXPANDED_QUERY);
        checkSizes(glueName, flink);
        return TableInput.builder()
                .name(glueName)
                .description(description(view.getComment()))
                .tableType(GlueParameterKeys.TABLE_TYPE_VIEW)
                .viewOriginalText(view.getOriginalQuery())
                .viewExpandedText(view.getExpandedQuery())
                .parameters(flink)
                .storageDescriptor(
                        StorageDescriptor.builder()
                                .columns(columns(view.getResolvedSchema(), List.of(), false))
                                .build())
                .build();
    }

    /** The input that recreates Glue table {@code table} under {@code newName} (for renames). */
    public static TableInput renamed(Table table, String newName) {
        return TableInput.builder()
                .name(newName)
                .description(table.description())
                .owner(table.owner())
                .retention(table.retention())
                .tableType(table.tableType())
                .parameters(table.hasParameters() ? table.parameters() : Map.of())
                .storageDescriptor(table.storageDescriptor())
                .partitionKeys(table.hasPartitionKeys() ? table.partitionKeys() : List.of())
                .viewOriginalText(table.viewOriginalText())
                .viewExpandedText(table.viewExpandedText())
                .build();
    }

    /** True if the Glue table is a view. */
    public static boolean isView(Table table) {
        return GlueParameterKeys.TABLE_TYPE_VIEW.equalsIgnoreCase(table.tableType());
    }

    /** The Flink table or view of a Glue table. */
    public static CatalogBaseTable toFlink(Table table) {
        Map<String, String> parameters = table.hasParameters() ? table.parameters() : Map.of();
        String version = parameters.get(FORMAT_VERSION);
        if (version == null) {
            return foreignTable(table);
        }
        int v;
        try {
            v = Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 1 || v > CURRENT_FORMAT_VERSION) {
            throw new CatalogException(
                    "Glue table "
                            + table.databaseName()
                            + "."
                            + table.name()
                            + " was written in catalog format version '"
                            + version
                            + "', but this release reads versions 1 to "
                            + CURRENT_FORMAT_VERSION
                            + ": upgrade flink-catalog-glue.");
        }
        Map<String, String> flink = unprefixed(parameters);
        CatalogTable deserialized;
        try {
            deserialized = CatalogPropertiesUtil.deserializeCatalogTable(flink);
        } catch (RuntimeException e) {
            throw new CatalogException(
                    "Cannot read the Flink schema of Glue table "
                            + table.databaseName()
                            + "."
                            + table.name()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        if (isView(table)) {
            return CatalogView.of(
                    deserialized.getUnresolvedSchema(),
                    deserialized.getComment(),
                    table.viewOriginalText(),
                    table.viewExpandedText(),
                    deserialized.getOptions());
        }
        return deserialized;
    }

    /** A Glue table that Flink did not write: its Hive columns, and Kinesis options if Glue's. */
    private static CatalogBaseTable foreignTable(Table table) {
        Schema.Builder schema = Schema.newBuilder();
        List<String> partitionKeys = new ArrayList<>();
        StorageDescriptor sd = table.storageDescriptor();
        if (sd != null && sd.hasColumns()) {
            for (software.amazon.awssdk.services.glue.model.Column c : sd.columns()) {
                schema.column(c.name(), HiveTypes.toFlink(c.type()));
                if (c.comment() != null) {
                    schema.withComment(c.comment());
                }
            }
        }
        if (table.hasPartitionKeys()) {
            for (software.amazon.awssdk.services.glue.model.Column c : table.partitionKeys()) {
                schema.column(c.name(), HiveTypes.toFlink(c.type()));
                partitionKeys.add(c.name());
            }
        }
        if (isView(table)) {
            return CatalogView.of(
                    schema.build(),
                    table.description(),
                    table.viewOriginalText(),
                    table.viewExpandedText(),
                    Map.of());
        }
        Map<String, String> options =
                GlueKinesisKeys.isGlueKinesisTable(table)
                        ? GlueKinesisKeys.flinkOptions(table)
                        : Map.of();
        return CatalogTable.newBuilder()
                .schema(schema.build())
                .comment(table.description())
                .partitionKeys(partitionKeys)
                .options(options)
                .build();
    }

    private static Map<String, String> serialize(ResolvedCatalogTable table) {
        Map<String, String> serialized;
        try {
            serialized = FlinkTableSerialization.serializeTable(table);
        } catch (RuntimeException e) {
            throw new CatalogException("Cannot store the table in Glue: " + e.getMessage(), e);
        }
        return prefixed(serialized);
    }

    private static Map<String, String> prefixed(Map<String, String> serialized) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(FORMAT_VERSION, Integer.toString(CURRENT_FORMAT_VERSION));
        serialized.forEach((k, v) -> out.put(FLINK_PREFIX + k, v));
        return out;
    }

    private static Map<String, String> unprefixed(Map<String, String> parameters) {
        Map<String, String> out = new HashMap<>();
        parameters.forEach(
                (k, v) -> {
                    if (k.startsWith(FLINK_PREFIX)) {
                        out.put(k.substring(FLINK_PREFIX.length()), v);
                    }
                });
        return out;
    }

    /** Physical columns as Glue columns: the partition keys, or all the others. */
    private static List<software.amazon.awssdk.services.glue.model.Column> columns(
            ResolvedSchema schema, List<String> partitionKeys, boolean partitionColumns) {
        List<software.amazon.awssdk.services.glue.model.Column> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Column column : schema.getColumns()) {
            if (!column.isPhysical()
                    || partitionKeys.contains(column.getName()) != partitionColumns) {
                continue;
            }
            String glueName = GlueNames.column(column.getName());
            if (!seen.add(glueName)) {
                throw new CatalogException(
                        "Columns whose names differ only in case cannot be stored in Glue, which"
                                + " keeps column names in lowercase: '"
                                + column.getName()
                                + "' collides with another column named '"
                                + glueName
                                + "' in a different case. Rename one of them.");
            }
            software.amazon.awssdk.services.glue.model.Column.Builder c =
                    software.amazon.awssdk.services.glue.model.Column.builder()
                            .name(glueName)
                            .type(HiveTypes.toHive(column.getDataType().getLogicalType()));
            // Glue limits column comments; the full comment stays in the Flink schema
            column.getComment()
                    .map(text -> truncate(text, GlueParameterKeys.MAX_COLUMN_COMMENT_LENGTH))
                    .ifPresent(c::comment);
            out.add(c.build());
        }
        if (partitionColumns) {
            // Glue partition values are ordered as the partition keys are declared
            out.sort(
                    (a, b) ->
                            Integer.compare(
                                    indexOfIgnoreCase(partitionKeys, a.name()),
                                    indexOfIgnoreCase(partitionKeys, b.name())));
        }
        return out;
    }

    /** Glue's description of a table: its comment, shortened to Glue's limit if need be. */
    private static String description(String comment) {
        return comment == null ? null : truncate(comment, GlueParameterKeys.MAX_DESCRIPTION_LENGTH);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static int indexOfIgnoreCase(List<String> keys, String name) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).toLowerCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        return keys.size();
    }

    private static void checkSizes(String glueName, Map<String, String> parameters) {
        parameters.forEach(
                (k, v) -> {
                    if (k.length() > GlueParameterKeys.MAX_PARAMETER_KEY_LENGTH) {
                        throw new CatalogException(
                                "Cannot store "
                                        + glueName
                                        + " in Glue: parameter key '"
                                        + k
                                        + "' is longer than Glue's limit of "
                                        + GlueParameterKeys.MAX_PARAMETER_KEY_LENGTH
                                        + " characters.");
                    }
                    if (v != null && v.length() > GlueParameterKeys.MAX_PARAMETER_VALUE_LENGTH) {
                        throw new CatalogException(
                                "Cannot store "
                                        + glueName
                                        + " in Glue: the value of '"
                                        + k
                                        + "' has "
                                        + v.length()
                                        + " characters, more than Glue's limit of "
                                        + GlueParameterKeys.MAX_PARAMETER_VALUE_LENGTH
                                        + ".");
                    }
                });
    }
}
