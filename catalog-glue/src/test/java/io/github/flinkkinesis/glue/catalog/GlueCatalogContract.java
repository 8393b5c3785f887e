package io.github.flinkkinesis.glue.catalog;

import static io.github.flinkkinesis.glue.catalog.testutil.TestTables.kinesisOptions;
import static io.github.flinkkinesis.glue.catalog.testutil.TestTables.kinesisTable;
import static io.github.flinkkinesis.glue.catalog.testutil.TestTables.ordersTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.glue.catalog.testutil.TestTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionImpl;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionAlreadyExistsException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionSpecInvalidException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The Glue catalog's contract, written once and run against every Glue a subclass provides: the
 * hand-written fake ({@link GlueCatalogTest}) and moto's Glue server ({@link GlueCatalogITCase}).
 * Databases, tables, views and partitions are created, read, listed, altered, renamed and dropped
 * with Flink's semantics ({@code ignoreIfExists} / {@code ignoreIfNotExists}, "does not exist" vs
 * "already exists"), and what the catalog stored is read back with the Glue API itself.
 *
 * <p>Lifecycle: before each test a subclass supplies an empty Glue ({@link #emptyGlue}) and the
 * catalog is opened on it; after each test the catalog is closed. What only one of the two can
 * check (paging, VersionId conflicts and user-defined functions, which moto lacks; injected
 * failures) stays in that subclass.
 */
abstract class GlueCatalogContract {

    /** The secret of the catalog's credentials: it must never reach Glue or a returned table. */
    static final String SECRET = "catalog-secret-9f8e7d";

    static final String REGION = "us-east-1";
    static final String ACCESS_KEY_ID = "AKIDTEST";

    /** A client of the Glue under test, to read what the catalog stored. */
    protected GlueClient glue;

    /** The catalog under test, opened on {@link #glue}'s Glue. */
    protected GlueCatalog catalog;

    /**
     * A client of an empty Glue for the next test: a new fake, or the emulator after a reset. The
     * subclass closes it if it must.
     */
    protected abstract GlueClient emptyGlue();

    /** The catalog's {@code aws.*} options: {@link #credentials()} plus the Glue's endpoint. */
    protected abstract Map<String, String> awsOptions();

    /** A catalog with this configuration on the Glue of {@link #emptyGlue}. */
    protected abstract GlueCatalog catalogOn(GlueCatalogConfig config);

    /** The catalog's region and BASIC credentials, with {@link #SECRET} as the secret key. */
    static Map<String, String> credentials() {
        Map<String, String> aws = new HashMap<>();
        aws.put("aws.region", REGION);
        aws.put("aws.credentials.provider", "BASIC");
        aws.put("aws.credentials.basic.accesskeyid", ACCESS_KEY_ID);
        aws.put("aws.credentials.basic.secretkey", SECRET);
        return aws;
    }

    @BeforeEach
    void openCatalog() {
        glue = emptyGlue();
        catalog = newCatalog(Map.of());
        catalog.open();
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    /** A catalog (not yet open) with these {@code table-defaults.} options. */
    protected GlueCatalog newCatalog(Map<String, String> tableDefaults) {
        return catalogOn(
                GlueCatalogConfig.builder("glue")
                        .aws(AwsConfig.fromMap(awsOptions()))
                        .tableDefaults(tableDefaults)
                        .build());
    }

    /** The Glue table as Glue holds it. */
    protected Table stored(String database, String name) {
        return glue.getTable(r -> r.databaseName(database).name(name)).table();
    }

    /** Creates {@link TestTables#kinesisTable} at {@code database.name}: for assertThatThrownBy. */
    protected ThrowingCallable createKinesisTable(String database, String name) {
        return () ->
                catalog.createTable(new ObjectPath(database, name), kinesisTable(Map.of()), false);
    }

    /** Asserts the unresolved columns of a table read back, as Flink prints them. */
    protected static void assertColumns(CatalogTable read, String... expected) {
        assertThat(read.getUnresolvedSchema().getColumns())
                .extracting(GlueCatalogContract::describe)
                .containsExactly(expected);
    }

    /**
     * A column as Flink 2.x prints it, on every Flink line: Flink 1.20 leaves a metadata column's
     * type out of its {@code toString()} (the type is there), so that column is described here.
     */
    private static String describe(Schema.UnresolvedColumn column) {
        if (!(column instanceof Schema.UnresolvedMetadataColumn metadata)) {
            return column.toString();
        }
        return "`"
                + metadata.getName()
                + "` "
                + metadata.getDataType()
                + " METADATA"
                + (metadata.getMetadataKey() == null
                        ? ""
                        : " FROM '" + metadata.getMetadataKey() + "'")
                + (metadata.isVirtual() ? " VIRTUAL" : "")
                + metadata.getComment().map(c -> " COMMENT '" + c + "'").orElse("");
    }

    protected boolean isStored(String database, String name) {
        try {
            stored(database, name);
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ databases

    @Test
    void opensWithTheDefaultDatabaseCreated() throws Exception {
        assertThat(catalog.databaseExists("default")).isTrue();
        assertThat(catalog.getDefaultDatabase()).isEqualTo("default");
        assertThat(catalog.listDatabases()).containsExactly("default");
    }

    @Test
    void databasesAreCreatedReadListedAlteredAndDropped() throws Exception {
        for (int i = 0; i < 5; i++) {
            catalog.createDatabase(
                    "Db" + i, new CatalogDatabaseImpl(Map.of("k", "v" + i), "comment " + i), false);
        }
        assertThat(catalog.listDatabases())
                .containsExactlyInAnyOrder("default", "db0", "db1", "db2", "db3", "db4");
        assertThat(catalog.databaseExists("DB1")).isTrue();
        assertThat(catalog.getDatabase("DB1").getComment()).isEqualTo("comment 1");
        assertThat(catalog.getDatabase("db1").getProperties()).containsEntry("k", "v1");
        CatalogDatabase empty = new CatalogDatabaseImpl(Map.of(), null);
        assertThatThrownBy(() -> catalog.createDatabase("db1", empty, false))
                .isInstanceOf(DatabaseAlreadyExistException.class);
        catalog.createDatabase("db1", empty, true);

        catalog.alterDatabase("db1", new CatalogDatabaseImpl(Map.of("k2", "v2"), "new"), false);
        assertThat(catalog.getDatabase("db1").getComment()).isEqualTo("new");
        assertThat(catalog.getDatabase("db1").getProperties())
                .containsExactly(Map.entry("k2", "v2"));
        assertThatThrownBy(() -> catalog.alterDatabase("nope", empty, false))
                .isInstanceOf(DatabaseNotExistException.class);
        catalog.alterDatabase("nope", empty, true);
        assertThat(catalog.databaseExists("nope")).isFalse();

        catalog.dropDatabase("db1", false, false);
        assertThat(catalog.databaseExists("db1")).isFalse();
        assertThatThrownBy(() -> catalog.getDatabase("db1"))
                .isInstanceOf(DatabaseNotExistException.class);
        assertThatThrownBy(() -> catalog.dropDatabase("db1", false, false))
                .isInstanceOf(DatabaseNotExistException.class);
        catalog.dropDatabase("db1", true, false);
    }

    @Test
    void dropDatabaseRestrictRefusesTablesCascadeDropsThem() throws Exception {
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
                new ObjectPath("sales", "orders"), ordersTable(kinesisOptions(), List.of()), false);
        assertThatThrownBy(() -> catalog.dropDatabase("sales", false, false))
                .isInstanceOf(DatabaseNotEmptyException.class);
        assertThat(catalog.tableExists(new ObjectPath("sales", "orders"))).isTrue();

        catalog.dropDatabase("sales", false, true);
        assertThat(catalog.databaseExists("sales")).isFalse();
        assertThat(catalog.listDatabases()).containsExactly("default");
        assertThatThrownBy(() -> catalog.getDatabase("sales"))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    // ------------------------------------------------------------------ names

    @Test
    void mixedCaseNamesMapToOneGlueNameAndDoNotSilentlyCollide() throws Exception {
        ObjectPath mixed = new ObjectPath("default", "MyTable");
        catalog.createTable(mixed, kinesisTable(Map.of()), false);
        assertThat(catalog.tableExists(new ObjectPath("default", "mytable"))).isTrue();
        assertThat(catalog.listTables("default")).containsExactly("mytable");
        assertThatThrownBy(createKinesisTable("default", "MYTABLE"))
                .isInstanceOf(TableAlreadyExistException.class);
    }

    @Test
    void namesGlueCannotHoldAreRefusedWithTheRuleOrDoNotExist() throws Exception {
        assertThatThrownBy(createKinesisTable("default", "my-table"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'my-table'")
                .hasMessageContaining("1-255 characters of letters, digits and underscores");
        assertThatThrownBy(
                        () ->
                                catalog.createDatabase(
                                        "x".repeat(256),
                                        new CatalogDatabaseImpl(Map.of(), null),
                                        false))
                .hasMessageContaining("1-255");
        // a name Glue cannot hold names nothing: reads and drops answer "does not exist"
        ObjectPath invalid = new ObjectPath("default", "my-table");
        assertThat(catalog.tableExists(invalid)).isFalse();
        assertThat(catalog.databaseExists("my-db")).isFalse();
        assertThatThrownBy(() -> catalog.getTable(invalid))
                .isInstanceOf(TableNotExistException.class);
        assertThatThrownBy(() -> catalog.dropTable(invalid, false))
                .isInstanceOf(TableNotExistException.class);
    }

    // ------------------------------------------------------------------ tables

    @Test
    void tablesAndViewsAreListed() throws Exception {
        for (int i = 0; i < 5; i++) {
            catalog.createTable(new ObjectPath("default", "T" + i), kinesisTable(Map.of()), false);
        }
        assertThat(catalog.listTables("default")).containsExactly("t0", "t1", "t2", "t3", "t4");
        assertThat(catalog.listViews("default")).isEmpty();
        assertThatThrownBy(() -> catalog.listTables("missing"))
                .isInstanceOf(DatabaseNotExistException.class);
        assertThatThrownBy(() -> catalog.listViews("missing"))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    @Test
    void aKinesisTableRoundTripsAndIsStoredWithHiveColumnsAndNoSecrets() throws Exception {
        ObjectPath path = new ObjectPath("default", "Orders");
        ResolvedCatalogTable original = ordersTable(kinesisOptions(), List.of());
        catalog.createTable(path, original, false);
        assertThatThrownBy(() -> catalog.createTable(path, original, false))
                .isInstanceOf(TableAlreadyExistException.class);
        catalog.createTable(path, original, true);

        CatalogTable read = (CatalogTable) catalog.getTable(path);
        assertThat(read.getComment()).isEqualTo("orders stream");
        Map<String, String> expected = new HashMap<>(kinesisOptions());
        expected.putAll(
                Map.of(
                        "aws.region", REGION,
                        "aws.credentials.provider", "BASIC",
                        "aws.credentials.basic.accesskeyid", ACCESS_KEY_ID));
        // the catalog's secret key reaches only the connector (the catalog's table factory)
        assertThat(read.getOptions()).isEqualTo(expected);
        assertThat(read.getOptions().values()).doesNotContain(SECRET);
        assertColumns(
                read,
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

        Table stored = stored("default", "orders");
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
        assertThat(stored.toString()).doesNotContain(SECRET).doesNotContain(ACCESS_KEY_ID);
        assertThat(stored.parameters().keySet()).noneMatch(k -> k.contains("aws.credentials"));
    }

    @Test
    void aDistributionIsKeptWhereThisFlinkStoresItAndRefusedWhereItWouldBeLost() throws Exception {
        ObjectPath path = new ObjectPath("default", "bucketed");
        ResolvedCatalogTable distributed = TestTables.distributed(kinesisTable(Map.of()));
        if (TestTables.flinkSerializesDistributions()) {
            catalog.createTable(path, distributed, false);
            assertThat(((CatalogTable) catalog.getTable(path)).getDistribution())
                    .isEqualTo(distributed.getDistribution());
        } else {
            // Flink 1.20 to 2.1: the table is not stored without its DISTRIBUTED BY clause
            assertThatThrownBy(() -> catalog.createTable(path, distributed, false))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("Cannot store the table in Glue")
                    .hasMessageContaining("cannot store the table's DISTRIBUTED BY clause");
            assertThat(isStored("default", "bucketed")).isFalse();
        }
    }

    @Test
    void storedTableHasHiveColumnsKinesisKeysAndTheFormatVersion() throws Exception {
        catalog.createTable(new ObjectPath("default", "orders"), kinesisTable(Map.of()), false);
        Table stored = stored("default", "orders");
        assertThat(stored.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(stored.storageDescriptor().columns())
                .extracting(c -> c.name() + " " + c.type())
                .containsExactly("id bigint", "name varchar(20)");
        assertThat(stored.storageDescriptor().columns().get(1).comment()).isEqualTo("who");
        assertThat(stored.partitionKeys())
                .extracting(c -> c.name() + " " + c.type())
                .containsExactly("day string");
        assertThat(stored.parameters())
                .containsEntry("flink-catalog.format-version", "1")
                .containsEntry("typeOfData", "kinesis")
                .containsEntry("classification", "json")
                .containsEntry("streamARN", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders")
                .containsEntry("streamName", "orders")
                .containsEntry("flink.connector", "kinesis");
        assertThat(stored.storageDescriptor().location())
                .isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/orders");

        CatalogTable read = (CatalogTable) catalog.getTable(new ObjectPath("default", "orders"));
        ResolvedCatalogTable original = kinesisTable(Map.of());
        // unresolved types come back as Flink's type strings; the SQL ITs compare resolved schemas
        assertColumns(
                read,
                "`Id` [BIGINT NOT NULL]",
                "`name` [VARCHAR(20)] COMMENT 'who'",
                "`day` [VARCHAR(2147483647)]",
                "`arrival` [TIMESTAMP(3) WITH LOCAL TIME ZONE] METADATA FROM 'timestamp'"
                        + " VIRTUAL");
        assertThat(read.getUnresolvedSchema().getPrimaryKey().get().getColumnNames())
                .isEqualTo(original.getUnresolvedSchema().getPrimaryKey().get().getColumnNames());
        assertThat(read.getPartitionKeys()).containsExactly("day");
        assertThat(read.getComment()).isEqualTo("orders");
    }

    @Test
    void tablesAreAlteredRenamedAndDroppedWithFlinkSemantics() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        assertThat(catalog.tableExists(path)).isTrue();
        assertThat(catalog.listTables("default")).containsExactly("orders");

        Map<String, String> altered = new HashMap<>(catalog.getTable(path).getOptions());
        altered.put("source.init.position", "LATEST");
        catalog.alterTable(path, kinesisTable(altered), false);
        assertThat(catalog.getTable(path).getOptions())
                .containsEntry("source.init.position", "LATEST");
        assertThat(stored("default", "orders").toString()).doesNotContain(SECRET);
        ObjectPath missing = new ObjectPath("default", "nope");
        assertThatThrownBy(() -> catalog.alterTable(missing, kinesisTable(Map.of()), false))
                .isInstanceOf(TableNotExistException.class);
        catalog.alterTable(missing, kinesisTable(Map.of()), true);
        assertThat(catalog.tableExists(missing)).isFalse();

        catalog.createPartition(
                path,
                new CatalogPartitionSpec(Map.of("day", "2026-01-01")),
                new CatalogPartitionImpl(Map.of(), "first day"),
                false);
        catalog.createTable(new ObjectPath("default", "taken"), kinesisTable(Map.of()), false);
        assertThatThrownBy(() -> catalog.renameTable(path, "taken", false))
                .isInstanceOf(TableAlreadyExistException.class);
        assertThat(catalog.getTable(path).getComment()).isEqualTo("orders");

        catalog.renameTable(path, "Orders2", false);
        ObjectPath renamed = new ObjectPath("default", "orders2");
        assertThat(catalog.tableExists(path)).isFalse();
        assertThat(catalog.listTables("default")).containsExactlyInAnyOrder("orders2", "taken");
        assertThat(catalog.getTable(renamed).getComment()).isEqualTo("orders");
        assertThat(catalog.getTable(renamed).getOptions())
                .containsEntry("source.init.position", "LATEST");
        assertThat(catalog.listPartitions(renamed))
                .containsExactly(new CatalogPartitionSpec(Map.of("day", "2026-01-01")));
        assertThatThrownBy(() -> catalog.renameTable(path, "x", false))
                .isInstanceOf(TableNotExistException.class);
        catalog.renameTable(path, "x", true);
        assertThat(catalog.tableExists(new ObjectPath("default", "x"))).isFalse();

        catalog.dropTable(renamed, false);
        assertThatThrownBy(() -> catalog.dropTable(renamed, false))
                .isInstanceOf(TableNotExistException.class);
        catalog.dropTable(renamed, true);
        assertThatThrownBy(() -> catalog.getTable(renamed))
                .isInstanceOf(TableNotExistException.class);
        assertThat(catalog.listTables("default")).containsExactly("taken");
    }

    @Test
    void createTableInAMissingDatabaseIsDatabaseNotExist() {
        assertThatThrownBy(createKinesisTable("missing", "orders"))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    @Test
    void aPartitionedTableIsRenamedWithEveryPartitionInBatches() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, ordersTable(kinesisOptions(), List.of("day")), false);
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
        assertThat(isStored("default", "orders")).isFalse();
    }

    // ------------------------------------------------------------------ views

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
                new ObjectPath("default", "orders"),
                ordersTable(kinesisOptions(), List.of()),
                false);

        assertThat(catalog.listViews("default")).containsExactly("totals");
        assertThat(catalog.listTables("default")).containsExactlyInAnyOrder("totals", "orders");
        CatalogBaseTable read = catalog.getTable(path);
        assertThat(read).isInstanceOf(CatalogView.class);
        assertThat(((CatalogView) read).getOriginalQuery()).isEqualTo(view.getOriginalQuery());
        assertThat(((CatalogView) read).getExpandedQuery()).isEqualTo(view.getExpandedQuery());
        assertThat(read.getComment()).isEqualTo("totals per customer");

        Table stored = stored("default", "totals");
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
                        () ->
                                catalog.alterTable(
                                        path, ordersTable(kinesisOptions(), List.of()), false))
                .hasMessageContaining("is a view")
                .hasMessageContaining("cannot be altered into a table");
        catalog.renameTable(path, "totals_v2", false);
        assertThat(catalog.listViews("default")).containsExactly("totals_v2");
        catalog.dropTable(new ObjectPath("default", "totals_v2"), false);
        assertThat(catalog.listViews("default")).isEmpty();
    }

    // ------------------------------------------------------------------ partitions

    @Test
    void partitionsAreCreatedListedAlteredAndDropped() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, ordersTable(kinesisOptions(), List.of("day")), false);
        assertThat(stored("default", "orders").partitionKeys())
                .extracting(c -> c.name() + " " + c.type())
                .containsExactly("day string");
        for (int i = 1; i <= 3; i++) {
            catalog.createPartition(
                    path,
                    new CatalogPartitionSpec(Map.of("day", "d" + i)),
                    new CatalogPartitionImpl(Map.of("n", "" + i), "day " + i),
                    false);
        }
        CatalogPartitionSpec d1 = new CatalogPartitionSpec(Map.of("day", "d1"));
        CatalogPartitionSpec d2 = new CatalogPartitionSpec(Map.of("day", "d2"));
        CatalogPartitionSpec d3 = new CatalogPartitionSpec(Map.of("day", "d3"));
        assertThat(catalog.listPartitions(path)).containsExactlyInAnyOrder(d1, d2, d3);
        assertThat(catalog.listPartitions(path, d2)).containsExactly(d2);
        assertThat(catalog.getPartition(path, d2).getComment()).isEqualTo("day 2");
        assertThat(catalog.getPartition(path, d2).getProperties()).containsEntry("n", "2");
        CatalogPartition empty = new CatalogPartitionImpl(Map.of(), null);
        assertThatThrownBy(() -> catalog.createPartition(path, d2, empty, false))
                .isInstanceOf(PartitionAlreadyExistsException.class);
        catalog.createPartition(path, d2, empty, true);
        assertThat(catalog.getPartition(path, d2).getComment()).isEqualTo("day 2");

        catalog.alterPartition(
                path, d2, new CatalogPartitionImpl(Map.of("n", "x"), "changed"), false);
        assertThat(catalog.getPartition(path, d2).getComment()).isEqualTo("changed");
        assertThat(catalog.getPartition(path, d2).getProperties()).containsEntry("n", "x");
        catalog.dropPartition(path, d2, false);
        assertThat(catalog.partitionExists(path, d2)).isFalse();
        assertThatThrownBy(() -> catalog.getPartition(path, d2))
                .isInstanceOf(PartitionNotExistException.class);
        assertThatThrownBy(() -> catalog.dropPartition(path, d2, false))
                .isInstanceOf(PartitionNotExistException.class);
        catalog.dropPartition(path, d2, true);
        assertThatThrownBy(() -> catalog.alterPartition(path, d2, empty, false))
                .isInstanceOf(PartitionNotExistException.class);
        catalog.alterPartition(path, d2, empty, true);
        assertThat(catalog.partitionExists(path, d2)).isFalse();
        assertThat(catalog.getPartitionStatistics(path, d2))
                .isEqualTo(CatalogTableStatistics.UNKNOWN);
    }

    @Test
    void partitionsOfMissingOrUnpartitionedTablesAndInvalidSpecsAreTheirOwnErrors()
            throws Exception {
        ObjectPath missing = new ObjectPath("default", "missing");
        CatalogPartitionSpec day = new CatalogPartitionSpec(Map.of("day", "d1"));
        CatalogPartition empty = new CatalogPartitionImpl(Map.of(), null);
        assertThatThrownBy(() -> catalog.listPartitions(missing))
                .isInstanceOf(TableNotExistException.class);
        assertThatThrownBy(() -> catalog.createPartition(missing, day, empty, false))
                .isInstanceOf(TableNotExistException.class);
        assertThat(catalog.partitionExists(missing, day)).isFalse();

        ObjectPath flat = new ObjectPath("default", "flat");
        catalog.createTable(flat, ordersTable(kinesisOptions(), List.of()), false);
        assertThatThrownBy(() -> catalog.listPartitions(flat))
                .isInstanceOf(TableNotPartitionedException.class);
        assertThatThrownBy(() -> catalog.createPartition(flat, day, empty, false))
                .isInstanceOf(TableNotPartitionedException.class);

        ObjectPath partitioned = new ObjectPath("default", "orders");
        catalog.createTable(partitioned, ordersTable(kinesisOptions(), List.of("day")), false);
        CatalogPartitionSpec wrongKey = new CatalogPartitionSpec(Map.of("month", "m1"));
        assertThatThrownBy(() -> catalog.createPartition(partitioned, wrongKey, empty, false))
                .isInstanceOf(PartitionSpecInvalidException.class);
        assertThatThrownBy(() -> catalog.listPartitions(partitioned, wrongKey))
                .isInstanceOf(PartitionSpecInvalidException.class);
        assertThatThrownBy(() -> catalog.getPartition(partitioned, wrongKey))
                .isInstanceOf(PartitionNotExistException.class);
    }

    // ------------------------------------------------------------------ statistics

    @Test
    void statisticsAreUnknownAndUpdatesAreAccepted() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        assertThat(catalog.getTableStatistics(path)).isEqualTo(CatalogTableStatistics.UNKNOWN);
        assertThat(catalog.getTableColumnStatistics(path))
                .isEqualTo(CatalogColumnStatistics.UNKNOWN);
        catalog.alterTableStatistics(path, new CatalogTableStatistics(10, 1, 100, 100), false);
        catalog.alterTableColumnStatistics(path, CatalogColumnStatistics.UNKNOWN, false);
        assertThat(catalog.getTableStatistics(path)).isEqualTo(CatalogTableStatistics.UNKNOWN);
        ObjectPath missing = new ObjectPath("default", "nope");
        assertThatThrownBy(
                        () ->
                                catalog.alterTableStatistics(
                                        missing, CatalogTableStatistics.UNKNOWN, false))
                .isInstanceOf(TableNotExistException.class);
        catalog.alterTableStatistics(missing, CatalogTableStatistics.UNKNOWN, true);
        assertThatThrownBy(() -> catalog.getTableStatistics(missing))
                .isInstanceOf(TableNotExistException.class);
    }

    // ------------------------------------------------------------------ what is stored

    @Test
    void tablesWithSecretsAreRefusedWithTheAlternatives() {
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        new ObjectPath("default", "leaky"),
                                        kinesisTable(
                                                Map.of(
                                                        "aws.credentials.provider", "BASIC",
                                                        "aws.credentials.basic.accesskeyid", "AKID",
                                                        "aws.credentials.basic.secretkey",
                                                                "table-secret-value")),
                                        false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'aws.credentials.basic.secretkey'")
                .hasMessageContaining("never writes secrets")
                .hasMessageContaining("catalog")
                .hasMessageContaining("default chain")
                .hasMessageNotContaining("table-secret-value");
        assertThat(isStored("default", "leaky")).isFalse();
    }

    @Test
    void databaseAndPartitionPropertiesWithSecretsAreRefused() throws Exception {
        assertThatThrownBy(
                        () ->
                                catalog.createDatabase(
                                        "leaky",
                                        new CatalogDatabaseImpl(
                                                Map.of("db.password", "db-secret-value"), null),
                                        false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'db.password'")
                .hasMessageContaining("never writes secrets")
                .hasMessageNotContaining("db-secret-value");
        assertThat(catalog.databaseExists("leaky")).isFalse();
        assertThatThrownBy(
                        () ->
                                catalog.alterDatabase(
                                        "default",
                                        new CatalogDatabaseImpl(
                                                Map.of("api.token", "db-secret-value"), null),
                                        false))
                .hasMessageContaining("'api.token'")
                .hasMessageNotContaining("db-secret-value");

        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, ordersTable(kinesisOptions(), List.of("day")), false);
        CatalogPartitionSpec d1 = new CatalogPartitionSpec(Map.of("day", "d1"));
        assertThatThrownBy(
                        () ->
                                catalog.createPartition(
                                        path,
                                        d1,
                                        new CatalogPartitionImpl(
                                                Map.of("s3.secret", "part-secret-value"), null),
                                        false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'s3.secret'")
                .hasMessageNotContaining("part-secret-value");
        assertThat(catalog.partitionExists(path, d1)).isFalse();
        catalog.createPartition(path, d1, new CatalogPartitionImpl(Map.of(), null), false);
        assertThatThrownBy(
                        () ->
                                catalog.alterPartition(
                                        path,
                                        d1,
                                        new CatalogPartitionImpl(
                                                Map.of("s3.secret", "part-secret-value"), null),
                                        false))
                .hasMessageContaining("'s3.secret'")
                .hasMessageNotContaining("part-secret-value");
        assertThat(catalog.getPartition(path, d1).getProperties()).doesNotContainKey("s3.secret");
    }

    @Test
    void aSecretTableDefaultNeverReachesAReturnedTable() throws Exception {
        catalog.close();
        catalog =
                newCatalog(
                        Map.of(
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "DEFAULT-AKID",
                                "aws.credentials.basic.secretkey", "default-secret-value"));
        catalog.open();
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        Map<String, String> options = catalog.getTable(path).getOptions();
        assertThat(options)
                .containsEntry("aws.credentials.basic.accesskeyid", "DEFAULT-AKID")
                .doesNotContainKey("aws.credentials.basic.secretkey");
        assertThat(options.values()).noneMatch(v -> v.contains("default-secret-value"));
        assertThat(stored("default", "orders").parameters().values())
                .noneMatch(v -> v.contains("default-secret-value"));
    }

    @Test
    void kafkaStyleTablesWithAJaasConfigAreRefused() {
        Map<String, String> kafka = new HashMap<>();
        kafka.put("connector", "kafka");
        kafka.put("topic", "orders");
        kafka.put("properties.bootstrap.servers", "localhost:9092");
        kafka.put(
                "properties.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"u\" password=\"jaas-secret-value\";");
        ResolvedCatalogTable template = kinesisTable(Map.of());
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        new ObjectPath("default", "kafka_leaky"),
                                        template.copy(kafka),
                                        false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'properties.sasl.jaas.config'")
                .hasMessageContaining("never writes secrets")
                .hasMessageNotContaining("jaas-secret-value");
        assertThat(isStored("default", "kafka_leaky")).isFalse();
    }

    @Test
    void kinesisTablesInheritRegionCredentialsAndTableDefaultsWithoutStoringThem()
            throws Exception {
        catalog.close();
        catalog = newCatalog(Map.of("aws.endpoint", "http://127.0.0.1:4567"));
        catalog.open();
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);

        Map<String, String> options = catalog.getTable(path).getOptions();
        assertThat(options)
                .containsEntry("aws.region", REGION)
                .containsEntry("aws.credentials.provider", "BASIC")
                .containsEntry("aws.credentials.basic.accesskeyid", ACCESS_KEY_ID)
                .containsEntry("aws.endpoint", "http://127.0.0.1:4567")
                .doesNotContainKey("aws.credentials.basic.secretkey");
        // the secret reaches the connector only, through the catalog's table factory
        assertThat(options.values()).noneMatch(v -> v.contains(SECRET));

        // ALTER TABLE passes the inherited options back: they are stripped, not stored or refused
        CatalogBaseTable read = catalog.getTable(path);
        Map<String, String> altered = new HashMap<>(read.getOptions());
        altered.put("source.init.position", "TRIM_HORIZON");
        catalog.alterTable(path, kinesisTable(altered), false);
        Map<String, String> stored = stored("default", "orders").parameters();
        assertThat(stored).containsEntry("flink.source.init.position", "TRIM_HORIZON");
        assertThat(stored.keySet())
                .noneMatch(k -> k.startsWith("flink.aws."))
                .doesNotContain("flink.aws.endpoint");
        assertThat(stored.values()).noneMatch(v -> v.contains(SECRET));

        // ALTER TABLE ... SET ('aws.credentials.provider'='PROFILE') on an inheriting table: the
        // options passed back hold no secret, so nothing is refused and the choice is stored
        Map<String, String> profile = new HashMap<>(catalog.getTable(path).getOptions());
        profile.put("aws.credentials.provider", "PROFILE");
        catalog.alterTable(path, kinesisTable(profile), false);
        assertThat(stored("default", "orders").parameters())
                .containsEntry("flink.aws.credentials.provider", "PROFILE");
        assertThat(catalog.getTable(path).getOptions())
                .containsEntry("aws.credentials.provider", "PROFILE")
                .doesNotContainKey("aws.credentials.basic.secretkey");

        // a table with its own credentials does not get the catalog's
        catalog.createTable(
                new ObjectPath("default", "own"),
                kinesisTable(
                        Map.of(
                                "aws.credentials.provider", "PROFILE",
                                "aws.credentials.profile.name", "dev",
                                "aws.region", "us-east-2")),
                false);
        assertThat(catalog.getTable(new ObjectPath("default", "own")).getOptions())
                .containsEntry("aws.credentials.provider", "PROFILE")
                .containsEntry("aws.region", "us-east-2")
                .doesNotContainKey("aws.credentials.basic.secretkey");
    }

    @Test
    void longCommentsAreShortenedForGlueButKeptWholeForFlink() throws Exception {
        String longComment = "c".repeat(3000);
        ResolvedSchema schema =
                ResolvedSchema.of(Column.physical("id", DataTypes.INT()).withComment(longComment));
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .comment(longComment)
                        .options(Map.of("connector", "datagen"))
                        .build();
        ObjectPath path = new ObjectPath("default", "commented");
        catalog.createTable(path, new ResolvedCatalogTable(table, schema), false);

        Table stored = stored("default", "commented");
        assertThat(stored.description()).hasSize(2048).endsWith("...");
        assertThat(stored.storageDescriptor().columns().get(0).comment()).hasSize(255);
        CatalogTable read = (CatalogTable) catalog.getTable(path);
        assertThat(read.getComment()).isEqualTo(longComment);
        assertThat(read.getUnresolvedSchema().getColumns().get(0).getComment())
                .contains(longComment);
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
                .containsEntry("aws.region", REGION);
        assertColumns(read, "`user_id` BIGINT", "`page` STRING");
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void useBeforeOpenIsAClearError() {
        GlueCatalog closed = newCatalog(Map.of());
        assertThatThrownBy(closed::listDatabases)
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("call open()");
    }
}
