package io.github.flinkkinesis.kinesis.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;

/** What the factory tests share: a resolved two-column table, and the messages of a cause chain. */
public final class FactoryTables {

    private FactoryTables() {}

    /** A table {@code (id INT, name STRING)} with the given options and partition keys. */
    public static ResolvedCatalogTable idNameTable(
            Map<String, String> options, List<String> partitionKeys) {
        ResolvedSchema schema =
                ResolvedSchema.of(
                        Column.physical("id", DataTypes.INT()),
                        Column.physical("name", DataTypes.STRING()));
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .partitionKeys(partitionKeys)
                        .options(options)
                        .build();
        return new ResolvedCatalogTable(table, schema);
    }

    /** The message of {@code e} and of each of its causes (at most 20, a self-cause ends it). */
    public static List<String> causeMessages(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 20; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            if (t.getCause() == t) {
                break;
            }
        }
        return messages;
    }
}
