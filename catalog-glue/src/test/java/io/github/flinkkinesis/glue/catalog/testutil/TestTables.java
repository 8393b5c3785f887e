package io.github.flinkkinesis.glue.catalog.testutil;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.FlinkVersion;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.TableDistribution;
import org.apache.flink.table.catalog.UniqueConstraint;

/**
 * The resolved Flink tables the catalog tests store: what the planner hands a catalog after {@code
 * CREATE TABLE}. Stateless: static factories only.
 */
public final class TestTables {

    private TestTables() {}

    /**
     * A small Kinesis table partitioned by {@code day}: a mixed-case primary key, a commented
     * VARCHAR and a metadata column, with {@code extraOptions} added to its options.
     */
    public static ResolvedCatalogTable kinesisTable(Map<String, String> extraOptions) {
        ResolvedSchema schema =
                new ResolvedSchema(
                        List.of(
                                Column.physical("Id", DataTypes.BIGINT().notNull()),
                                Column.physical("name", DataTypes.VARCHAR(20)).withComment("who"),
                                Column.physical("day", DataTypes.STRING()),
                                Column.metadata(
                                        "arrival", DataTypes.TIMESTAMP_LTZ(3), "timestamp", true)),
                        List.of(),
                        UniqueConstraint.primaryKey("pk", List.of("Id")));
        Map<String, String> options = new HashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders");
        options.put("format", "json");
        options.putAll(extraOptions);
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .comment("orders")
                        .partitionKeys(List.of("day"))
                        .options(options)
                        .build();
        return new ResolvedCatalogTable(table, schema);
    }

    /** {@code table} with a {@code DISTRIBUTED BY HASH(`Id`) INTO 4 BUCKETS} clause. */
    public static ResolvedCatalogTable distributed(ResolvedCatalogTable table) {
        return new ResolvedCatalogTable(
                CatalogTable.newBuilder()
                        .schema(table.getUnresolvedSchema())
                        .comment(table.getComment())
                        .partitionKeys(table.getPartitionKeys())
                        .options(table.getOptions())
                        .distribution(TableDistribution.ofHash(List.of("Id"), 4))
                        .build(),
                table.getResolvedSchema());
    }

    /**
     * Whether the running Flink's catalog serialization has keys for a table's distribution: Flink
     * 2.2 added them; Flink 1.20 to 2.1 have none.
     */
    public static boolean flinkSerializesDistributions() {
        String[] version = FlinkVersion.current().toString().split("\\.");
        int major = Integer.parseInt(version[0]);
        return major > 2 || (major == 2 && Integer.parseInt(version[1]) >= 2);
    }

    /**
     * A table with every kind of column type Glue maps (nested rows, arrays, maps, decimals,
     * timestamps) and two metadata columns, with these options and partition keys.
     */
    public static ResolvedCatalogTable ordersTable(
            Map<String, String> options, List<String> partitionKeys) {
        ResolvedSchema schema =
                new ResolvedSchema(
                        List.of(
                                Column.physical("order_id", DataTypes.BIGINT().notNull()),
                                Column.physical("Customer", DataTypes.VARCHAR(64))
                                        .withComment("customer name"),
                                Column.physical("price", DataTypes.DECIMAL(12, 2)),
                                Column.physical("placed", DataTypes.TIMESTAMP(6)),
                                Column.physical(
                                        "address",
                                        DataTypes.ROW(
                                                DataTypes.FIELD("street", DataTypes.STRING()),
                                                DataTypes.FIELD(
                                                        "tags",
                                                        DataTypes.ARRAY(DataTypes.STRING())))),
                                Column.physical(
                                        "attrs",
                                        DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())),
                                Column.physical("day", DataTypes.STRING()),
                                Column.metadata("shard", DataTypes.STRING(), "shard-id", true),
                                Column.metadata(
                                        "arrival", DataTypes.TIMESTAMP_LTZ(3), "timestamp", true)),
                        List.of(),
                        UniqueConstraint.primaryKey("pk", List.of("order_id")));
        CatalogTable t =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .comment("orders stream")
                        .partitionKeys(partitionKeys)
                        .options(options)
                        .build();
        return new ResolvedCatalogTable(t, schema);
    }

    /** The options of a Kinesis table read from the start of its stream. */
    public static Map<String, String> kinesisOptions() {
        return new HashMap<>(
                Map.of(
                        "connector", "kinesis",
                        "stream.arn", "arn:aws:kinesis:us-east-1:000000000000:stream/orders",
                        "format", "json",
                        "source.init.position", "TRIM_HORIZON"));
    }
}
