package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.testing.LocalServerExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogPartitionImpl;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The catalog API against moto's Glue server: every database, table, view, partition and statistics
 * operation, and the stored Glue table checked with the Glue API directly.
 */
class GlueCatalogITCase {

    @RegisterExtension static final LocalServerExtension MOTO = LocalServerExtension.moto();

    static final String SECRET = "catalog-secret-9f8e7d";

    private GlueCatalog catalog;
    private GlueClient glue;

    /** The catalog's connection to a moto server; BASIC credentials with a recognisable secret. */
    static Map<String, String> catalogAwsOptions(LocalServerExtension moto) {
        Map<String, String> aws = new HashMap<>();
        aws.put("aws.region", "us-east-1");
        aws.put("aws.endpoint", moto.endpoint().toString());
        aws.put("aws.credentials.provider", "BASIC");
        aws.put("aws.credentials.basic.accesskeyid", "AKIDTEST");
        aws.put("aws.credentials.basic.secretkey", SECRET);
        aws.put("aws.retry.max-attempts", "2");
        return aws;
    }

    @BeforeEach
    void setUp() {
        MOTO.resetMoto();
        AwsConfig aws = AwsConfig.fromMap(catalogAwsOptions(MOTO));
        catalog = new GlueCatalog(GlueCatalogConfig.builder("glue").aws(aws).build());
        catalog.open();
        glue =
                AwsClients.configure(GlueClient.builder(), aws)
                        .httpClient(AwsClients.syncHttpClient(aws))
                        .build();
    }

    @AfterEach
    void tearDown() {
        catalog.close();
        glue.close();
    }

    private static ResolvedCatalogTable table(
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

    private static Map<String, String> kinesisOptions() {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", "arn:aws:kinesis:us-east-1:000000000000:stream/orders");
        options.put("format", "json");
        options.put("source.init.position", "TRIM_HORIZON");
        return options;
    }

    @Test
    void databasesAreCreatedReadListedAlteredAndDropped() throws Exception {
        assertThat(catalog.listDatabases()).containsExactly("default");
        catalog.createDatabase(
                "Sales", new CatalogDatabaseImpl(Map.of("owner", "team-a"), "sales data"), false);
        assertThat(catalog.databaseExists("sales")).isTrue();
        assertThat(catalog.listDatabases()).containsExactlyInAnyOrder("default", "sales");
        assertThat(catalog.getDatabase("sales").getComment()).isEqualTo("sales data");
        assertThat(catalog.getDatabase("sales").getProperties()).containsEntry("owner", "team-a");

        catalog.alterDatabase(
                "sales", new CatalogDatabaseImpl(Map.of("owner", "team-b"), "renamed team"), false);
        assertThat(catalog.getDatabase("sales").getComment()).isEqualTo("renamed team");
        assertThat(catalog.getDatabase("sales").getProperties()).containsEntry("owner", "team-b");

        catalog.createTable(
                new ObjectPath("sales", "orders"), table(kinesisOptions(), List.of()), false);
        assertThatThrownBy(() -> catalog.dropDatabase("sales", false, false))
                .isInstanceOf(DatabaseNotEmptyException.class);
        catalog.dropDatabase("sales", false, true);
        assertThat(catalog.databaseExists("sales")).isFalse();
        assertThatThrownBy(() -> catalog.getDatabase("sales"))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    @Test
    void aKinesisTableRoundTripsAndIsStoredWithHiveColumnsAndNoSecrets() throws Exception {
        ObjectPath path = new ObjectPath("default", "Orders");
        ResolvedCatalogTable original = table(kinesisOptions(), List.of());
        catalog.createTable(path, original, false);
        assertThatThrownBy(() -> catalog.createTable(path, original, false))
                .isInstanceOf(TableAlreadyExistException.class);
        catalog.createTable(path, original, true);

        CatalogTable read = (CatalogTable) catalog.getTable(path);
        assertThat(read.getComment()).isEqualTo("orders stream");
        Map<String, String> expected = new HashMap<>(kinesisOptions());
        expected.putAll(
                Map.of(
                        "aws.region", "us-east-1",
                        "aws.credentials.provider", "BASIC",
                        "aws.credentials.basic.accesskeyid", "AKIDTEST"));
        // the catalog's secret key reaches only the connector (the catalog's table factory)
        assertThat(read.getOptions()).isEqualTo(expected);
        assertThat(read.getOptions().values()).doesNotContain(SECRET);
        assertThat(read.getUnresolvedSchema().getColumns())
                .extracting(c -> c.toString())
                .containsExactly(
                        "`order_id` [BIGINT NOT NULL]",
                        "`Customer` [VARCHAR(64)] COMMENT 'customer name'",
                        "`price` [DECIMAL(12, 2)]",
                        "`placed` [TIMESTAMP(6)]",
                        "`address` [ROW<`street` VARCHAR(2147483647), `tags`"
                                + " ARRAY<VARCHAR(2147483647)>>]",
                        "`attrs` [MAP<VARCHAR(2147483647), INT>]",
                        "`day` [VARCHAR(2147483647)]",
                        "`shard` [VARCHAR(2147483647)] METADATA FROM 'shard-id' VIRTUAL",
                        "`arrival` [TIMESTAMP(3) WITH LOCAL TIME ZONE] METADATA FROM 'timestamp'"
                                + " VIRTUAL");

        Table stored = glue.getTable(r -> r.databaseName("default").name("orders")).table();
        assertThat(stored.storageDescriptor().columns())
                .extracting(c -> c.name() + " " + c.type())
                .containsExactly(
                        "order_id bigint",
                        "customer varchar(64)",
                        "price decimal(12,2)",
                        "placed timestamp",
                        "address struct<street:string,tags:array<string>>",
                        "attrs map<string,int>",
                        "day string");
        assertThat(stored.parameters())
                .containsEntry("typeOfData", "kinesis")
                .containsEntry("classification", "json")
                .containsEntry("streamName", "orders")
                .containsEntry("flink-catalog.format-version", "1");
        assertThat(stored.toString()).doesNotContain(SECRET).doesNotContain("AKIDTEST");
        assertThat(stored.parameters().keySet()).noneMatch(k -> k.contains("aws.credentials"));
    }

    @Test
    void tablesAreListedAlteredRenamedAndDropped() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, table(kinesisOptions(), List.of()), false);
        assertThat(catalog.tableExists(path)).isTrue();
        assertThat(catalog.listTables("default")).containsExactly("orders");

        Map<String, String> altered = new HashMap<>(catalog.getTable(path).getOptions());
        altered.put("source.init.position", "LATEST");
        catalog.alterTable(path, table(altered, List.of()), false);
        assertThat(catalog.getTable(path).getOptions())
                .containsEntry("source.init.position", "LATEST");
        Table stored = glue.getTable(r -> r.databaseName("default").name("orders")).table();
        assertThat(stored.toString()).doesNotContain(SECRET);

        catalog.renameTable(path, "orders_v2", false);
        assertThat(catalog.listTables("default")).containsExactly("orders_v2");
        assertThat(catalog.getTable(new ObjectPath("default", "orders_v2")).getComment())
                .isEqualTo("orders stream");
        catalog.dropTable(new ObjectPath("default", "orders_v2"), false);
        assertThat(catalog.listTables("default")).isEmpty();
        assertThatThrownBy(() -> catalog.getTable(path)).isInstanceOf(TableNotExistException.class);
    }

    @Test
    void aPartitionedTableIsRenamedWithEveryPartitionInBatches() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, table(kinesisOptions(), List.of("day")), false);
        List<CatalogPartitionSpec> specs = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // two BatchCreatePartition calls: 100 + 20
            CatalogPartitionSpec spec = new CatalogPartitionSpec(Map.of("day", "d" + i));
            catalog.createPartition(
                    path, spec, new CatalogPartitionImpl(Map.of("n", "" + i), "day " + i), false);
            specs.add(spec);
        }

        catalog.renameTable(path, "orders_v2", false);

        ObjectPath renamed = new ObjectPath("default", "orders_v2");
        assertThat(catalog.tableExists(path)).isFalse();
        assertThat(catalog.listTables("default")).containsExactly("orders_v2");
        assertThat(catalog.listPartitions(renamed)).containsExactlyInAnyOrderElementsOf(specs);
        assertThat(catalog.getPartition(renamed, specs.get(119)).getComment()).isEqualTo("day 119");
        assertThat(catalog.getPartition(renamed, specs.get(119)).getProperties())
                .containsEntry("n", "119");
        List<Partition> stored = new ArrayList<>();
        glue.getPartitionsPaginator(r -> r.databaseName("default").tableName("orders_v2"))
                .forEach(page -> stored.addAll(page.partitions()));
        assertThat(stored)
                .hasSize(120)
                .allSatisfy(p -> assertThat(p.tableName()).isEqualTo("orders_v2"));
        assertThatThrownBy(() -> glue.getTable(r -> r.databaseName("default").name("orders")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void viewsAreStoredAsGlueVirtualViewsWithTheirText() throws Exception {
        ResolvedSchema schema =
                ResolvedSchema.of(
                        Column.physical("customer", DataTypes.STRING()),
                        Column.physical("total", DataTypes.DECIMAL(38, 2)));
        CatalogView view =
                CatalogView.of(
                        Schema.newBuilder().fromResolvedSchema(schema).build(),
                        "totals per customer",
                        "SELECT customer, SUM(price) AS total FROM orders GROUP BY customer",
                        "SELECT `orders`.`customer`, SUM(`orders`.`price`) AS `total` FROM"
                                + " `glue`.`default`.`orders` GROUP BY `orders`.`customer`",
                        Map.of());
        ObjectPath path = new ObjectPath("default", "totals");
        catalog.createTable(path, new ResolvedCatalogView(view, schema), false);
        catalog.createTable(
                new ObjectPath("default", "orders"), table(kinesisOptions(), List.of()), false);

        assertThat(catalog.listViews("default")).containsExactly("totals");
        assertThat(catalog.listTables("default")).containsExactlyInAnyOrder("totals", "orders");
        CatalogBaseTable read = catalog.getTable(path);
        assertThat(read).isInstanceOf(CatalogView.class);
        assertThat(((CatalogView) read).getOriginalQuery()).isEqualTo(view.getOriginalQuery());
        assertThat(((CatalogView) read).getExpandedQuery()).isEqualTo(view.getExpandedQuery());
        assertThat(read.getComment()).isEqualTo("totals per customer");

        Table stored = glue.getTable(r -> r.databaseName("default").name("totals")).table();
        assertThat(stored.tableType()).isEqualTo("VIRTUAL_VIEW");
        assertThat(stored.viewOriginalText()).isEqualTo(view.getOriginalQuery());
        assertThat(stored.storageDescriptor().columns())
                .extracting(c -> c.name() + " " + c.type())
                .containsExactly("customer string", "total decimal(38,2)");

        CatalogView changed =
                CatalogView.of(
                        view.getUnresolvedSchema(),
                        "changed",
                        view.getOriginalQuery(),
                        view.getExpandedQuery(),
                        Map.of());
        catalog.alterTable(path, new ResolvedCatalogView(changed, schema), false);
        assertThat(catalog.getTable(path).getComment()).isEqualTo("changed");
        assertThatThrownBy(
                        () -> catalog.alterTable(path, table(kinesisOptions(), List.of()), false))
                .hasMessageContaining("is a view")
                .hasMessageContaining("cannot be altered into a table");
        catalog.dropTable(path, false);
        assertThat(catalog.listViews("default")).isEmpty();
    }

    @Test
    void partitionsOfPartitionedTables() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, table(kinesisOptions(), List.of("day")), false);
        Table stored = glue.getTable(r -> r.databaseName("default").name("orders")).table();
        assertThat(stored.partitionKeys())
                .extracting(c -> c.name() + " " + c.type())
                .containsExactly("day string");

        CatalogPartitionSpec monday = new CatalogPartitionSpec(Map.of("day", "2026-11-16"));
        CatalogPartitionSpec tuesday = new CatalogPartitionSpec(Map.of("day", "2026-11-17"));
        catalog.createPartition(
                path, monday, new CatalogPartitionImpl(Map.of("rows", "10"), "monday"), false);
        catalog.createPartition(path, tuesday, new CatalogPartitionImpl(Map.of(), null), false);
        assertThat(catalog.listPartitions(path)).containsExactlyInAnyOrder(monday, tuesday);
        assertThat(catalog.listPartitions(path, tuesday)).containsExactly(tuesday);
        assertThat(catalog.getPartition(path, monday).getComment()).isEqualTo("monday");
        assertThat(catalog.getPartition(path, monday).getProperties()).containsEntry("rows", "10");

        catalog.alterPartition(
                path, monday, new CatalogPartitionImpl(Map.of("rows", "11"), "monday"), false);
        assertThat(catalog.getPartition(path, monday).getProperties()).containsEntry("rows", "11");
        catalog.dropPartition(path, monday, false);
        assertThat(catalog.partitionExists(path, monday)).isFalse();
        assertThatThrownBy(() -> catalog.getPartition(path, monday))
                .isInstanceOf(PartitionNotExistException.class);

        catalog.createTable(
                new ObjectPath("default", "flat"), table(kinesisOptions(), List.of()), false);
        assertThatThrownBy(() -> catalog.listPartitions(new ObjectPath("default", "flat")))
                .isInstanceOf(TableNotPartitionedException.class);
    }

    @Test
    void statisticsAreUnknownAndUpdatesDoNotFail() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, table(kinesisOptions(), List.of()), false);
        catalog.alterTableStatistics(path, new CatalogTableStatistics(5, 1, 50, 50), false);
        assertThat(catalog.getTableStatistics(path)).isEqualTo(CatalogTableStatistics.UNKNOWN);
    }

    @Test
    void aKinesisTableCreatedInGlueByAnotherToolIsAQueryableKinesisTable() throws Exception {
        glue.createTable(
                r ->
                        r.databaseName("default")
                                .tableInput(
                                        t ->
                                                t.name("clicks")
                                                        .tableType("EXTERNAL_TABLE")
                                                        .parameters(
                                                                Map.of("classification", "json"))
                                                        .storageDescriptor(
                                                                sd ->
                                                                        sd.columns(
                                                                                        c ->
                                                                                                c.name(
                                                                                                                "user_id")
                                                                                                        .type(
                                                                                                                "bigint"),
                                                                                        c ->
                                                                                                c.name(
                                                                                                                "page")
                                                                                                        .type(
                                                                                                                "string"))
                                                                                .location("clicks")
                                                                                .parameters(
                                                                                        Map.of(
                                                                                                "typeOfData",
                                                                                                "kinesis",
                                                                                                "streamName",
                                                                                                "clicks")))));
        CatalogTable read = (CatalogTable) catalog.getTable(new ObjectPath("default", "clicks"));
        assertThat(read.getOptions())
                .containsEntry("connector", "kinesis")
                .containsEntry("stream.arn", "clicks")
                .containsEntry("format", "json")
                .containsEntry("aws.region", "us-east-1");
        assertThat(read.getUnresolvedSchema().getColumns())
                .extracting(c -> c.toString())
                .containsExactly("`user_id` BIGINT", "`page` STRING");
    }
}
