package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.glue.catalog.exception.GlueAccessDeniedException;
import io.github.flinkkinesis.glue.catalog.exception.GlueConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogFunctionImpl;
import org.apache.flink.table.catalog.CatalogPartitionImpl;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.FunctionLanguage;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionAlreadyExistsException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.resource.ResourceType;
import org.apache.flink.table.resource.ResourceUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The catalog's Flink semantics on a {@link FakeGlueClient} that enforces what moto does not:
 * paging, VersionId conflicts, user-defined functions, lowercase names.
 */
class GlueCatalogTest {

    private static final int PAGE = 2;

    private FakeGlueClient glue;
    private GlueCatalog catalog;

    @BeforeEach
    void open() {
        glue = new FakeGlueClient(PAGE);
        catalog = newCatalog(Map.of());
        catalog.open();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private GlueCatalog newCatalog(Map<String, String> tableDefaults) {
        GlueCatalogConfig config =
                GlueCatalogConfig.builder("glue")
                        .aws(
                                AwsConfig.fromMap(
                                        Map.of(
                                                "aws.region", "eu-west-1",
                                                "aws.credentials.provider", "BASIC",
                                                "aws.credentials.basic.accesskeyid", "AKIDCATALOG",
                                                "aws.credentials.basic.secretkey",
                                                        "catalog-secret-value")))
                        .tableDefaults(tableDefaults)
                        .build();
        return new GlueCatalog(config, glue);
    }

    static ResolvedCatalogTable kinesisTable(Map<String, String> extraOptions) {
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

    @Test
    void opensWithTheDefaultDatabaseCreated() throws Exception {
        assertThat(catalog.databaseExists("default")).isTrue();
        assertThat(catalog.getDefaultDatabase()).isEqualTo("default");
    }

    @Test
    void databasesAreCreatedListedAcrossPagesAlteredAndDropped() throws Exception {
        for (int i = 0; i < 5; i++) {
            catalog.createDatabase(
                    "Db" + i, new CatalogDatabaseImpl(Map.of("k", "v" + i), "comment " + i), false);
        }
        int before = glue.calls("GetDatabases");
        assertThat(catalog.listDatabases())
                .containsExactlyInAnyOrder("default", "db0", "db1", "db2", "db3", "db4");
        assertThat(glue.calls("GetDatabases") - before).isEqualTo(3); // 6 databases, pages of 2

        assertThat(catalog.getDatabase("DB1").getComment()).isEqualTo("comment 1");
        assertThat(catalog.getDatabase("db1").getProperties()).containsEntry("k", "v1");
        assertThatThrownBy(
                        () ->
                                catalog.createDatabase(
                                        "db1", new CatalogDatabaseImpl(Map.of(), null), false))
                .isInstanceOf(DatabaseAlreadyExistException.class);
        catalog.createDatabase("db1", new CatalogDatabaseImpl(Map.of(), null), true);

        catalog.alterDatabase("db1", new CatalogDatabaseImpl(Map.of("k2", "v2"), "new"), false);
        assertThat(catalog.getDatabase("db1").getComment()).isEqualTo("new");
        assertThat(catalog.getDatabase("db1").getProperties())
                .containsExactly(Map.entry("k2", "v2"));
        assertThatThrownBy(
                        () ->
                                catalog.alterDatabase(
                                        "nope", new CatalogDatabaseImpl(Map.of(), null), false))
                .isInstanceOf(DatabaseNotExistException.class);

        catalog.dropDatabase("db1", false, false);
        assertThat(catalog.databaseExists("db1")).isFalse();
        assertThatThrownBy(() -> catalog.dropDatabase("db1", false, false))
                .isInstanceOf(DatabaseNotExistException.class);
        catalog.dropDatabase("db1", true, false);
    }

    @Test
    void dropDatabaseRestrictRefusesTablesAndFunctionsCascadeRemovesThem() throws Exception {
        catalog.createDatabase("withtable", new CatalogDatabaseImpl(Map.of(), null), false);
        catalog.createTable(new ObjectPath("withtable", "t"), kinesisTable(Map.of()), false);
        catalog.createDatabase("withfn", new CatalogDatabaseImpl(Map.of(), null), false);
        catalog.createFunction(
                new ObjectPath("withfn", "f"), new CatalogFunctionImpl("com.example.F"), false);

        assertThatThrownBy(() -> catalog.dropDatabase("withtable", false, false))
                .isInstanceOf(DatabaseNotEmptyException.class);
        assertThatThrownBy(() -> catalog.dropDatabase("withfn", false, false))
                .isInstanceOf(DatabaseNotEmptyException.class);

        catalog.dropDatabase("withtable", false, true);
        catalog.dropDatabase("withfn", false, true);
        assertThat(catalog.listDatabases()).containsExactly("default");
    }

    @Test
    void tablesAndViewsAreListedAcrossPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            catalog.createTable(new ObjectPath("default", "T" + i), kinesisTable(Map.of()), false);
        }
        int before = glue.calls("GetTables");
        assertThat(catalog.listTables("default")).containsExactly("t0", "t1", "t2", "t3", "t4");
        assertThat(glue.calls("GetTables") - before).isEqualTo(3);
        assertThat(catalog.listViews("default")).isEmpty();
        assertThatThrownBy(() -> catalog.listTables("missing"))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    @Test
    void mixedCaseNamesMapToOneGlueNameAndDoNotSilentlyCollide() throws Exception {
        ObjectPath mixed = new ObjectPath("default", "MyTable");
        catalog.createTable(mixed, kinesisTable(Map.of()), false);
        assertThat(catalog.tableExists(new ObjectPath("default", "mytable"))).isTrue();
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        new ObjectPath("default", "MYTABLE"),
                                        kinesisTable(Map.of()),
                                        false))
                .isInstanceOf(TableAlreadyExistException.class);
    }

    @Test
    void namesGlueCannotHoldAreRefusedWithTheRule() {
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        new ObjectPath("default", "my-table"),
                                        kinesisTable(Map.of()),
                                        false))
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
    }

    @Test
    void concurrentAltersAreDetectedWithTheGlueVersionIdAndAreRetryable() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        GlueCatalog other = newCatalog(Map.of());
        other.open();

        // both writers read version 1
        catalog.getTable(path);
        other.getTable(path);
        catalog.alterTable(
                path, kinesisTable(Map.of("source.init.position", "TRIM_HORIZON")), false);

        assertThatThrownBy(
                        () ->
                                other.alterTable(
                                        path,
                                        kinesisTable(Map.of("source.init.position", "LATEST")),
                                        false))
                .isInstanceOfSatisfying(
                        GlueConcurrentModificationException.class,
                        e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("glue:UpdateTable")
                .hasMessageContaining("another writer");
        assertThat(catalog.getTable(path).getOptions())
                .containsEntry("source.init.position", "TRIM_HORIZON");

        // the retry reads the current version and succeeds
        other.getTable(path);
        other.alterTable(path, kinesisTable(Map.of("source.init.position", "LATEST")), false);
        assertThat(catalog.getTable(path).getOptions())
                .containsEntry("source.init.position", "LATEST");
        assertThat(glue.storedTable("default", "orders").versionId()).isEqualTo("3");
    }

    @Test
    void alterRenameAndDropFollowFlinkSemantics() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        assertThatThrownBy(
                        () ->
                                catalog.alterTable(
                                        new ObjectPath("default", "nope"),
                                        kinesisTable(Map.of()),
                                        false))
                .isInstanceOf(TableNotExistException.class);
        catalog.alterTable(new ObjectPath("default", "nope"), kinesisTable(Map.of()), true);

        catalog.createPartition(
                path,
                new CatalogPartitionSpec(Map.of("day", "2026-01-01")),
                new CatalogPartitionImpl(Map.of(), "first day"),
                false);
        catalog.createTable(new ObjectPath("default", "taken"), kinesisTable(Map.of()), false);
        assertThatThrownBy(() -> catalog.renameTable(path, "taken", false))
                .isInstanceOf(TableAlreadyExistException.class);

        catalog.renameTable(path, "Orders2", false);
        ObjectPath renamed = new ObjectPath("default", "orders2");
        assertThat(catalog.tableExists(path)).isFalse();
        assertThat(catalog.getTable(renamed).getComment()).isEqualTo("orders");
        assertThat(catalog.listPartitions(renamed))
                .containsExactly(new CatalogPartitionSpec(Map.of("day", "2026-01-01")));
        assertThatThrownBy(() -> catalog.renameTable(path, "x", false))
                .isInstanceOf(TableNotExistException.class);

        catalog.dropTable(renamed, false);
        assertThatThrownBy(() -> catalog.dropTable(renamed, false))
                .isInstanceOf(TableNotExistException.class);
        catalog.dropTable(renamed, true);
    }

    @Test
    void partitionsAreCreatedListedAlteredAndDropped() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        for (int i = 1; i <= 3; i++) {
            catalog.createPartition(
                    path,
                    new CatalogPartitionSpec(Map.of("day", "d" + i)),
                    new CatalogPartitionImpl(Map.of("n", "" + i), "day " + i),
                    false);
        }
        CatalogPartitionSpec d2 = new CatalogPartitionSpec(Map.of("day", "d2"));
        assertThat(catalog.listPartitions(path)).hasSize(3);
        assertThat(catalog.listPartitions(path, d2)).containsExactly(d2);
        assertThat(catalog.getPartition(path, d2).getComment()).isEqualTo("day 2");
        assertThat(catalog.getPartition(path, d2).getProperties()).containsEntry("n", "2");
        assertThatThrownBy(
                        () ->
                                catalog.createPartition(
                                        path, d2, new CatalogPartitionImpl(Map.of(), null), false))
                .isInstanceOf(PartitionAlreadyExistsException.class);

        catalog.alterPartition(
                path, d2, new CatalogPartitionImpl(Map.of("n", "x"), "changed"), false);
        assertThat(catalog.getPartition(path, d2).getComment()).isEqualTo("changed");
        catalog.dropPartition(path, d2, false);
        assertThat(catalog.partitionExists(path, d2)).isFalse();
        assertThat(catalog.getPartitionStatistics(path, d2))
                .isEqualTo(CatalogTableStatistics.UNKNOWN);
    }

    @Test
    void functionsKeepTheirLanguageAndResourcesAndAreListedAcrossPages() throws Exception {
        CatalogFunction python =
                new CatalogFunctionImpl(
                        "udfs.normalize",
                        FunctionLanguage.PYTHON,
                        List.of(new ResourceUri(ResourceType.FILE, "s3://bucket/udfs.py")));
        ObjectPath path = new ObjectPath("default", "normalize");
        catalog.createFunction(path, python, false);
        for (int i = 0; i < 4; i++) {
            catalog.createFunction(
                    new ObjectPath("default", "f" + i),
                    new CatalogFunctionImpl("com.example.F" + i, FunctionLanguage.JAVA),
                    false);
        }

        CatalogFunction read = catalog.getFunction(path);
        assertThat(read.getClassName()).isEqualTo("udfs.normalize");
        assertThat(read.getFunctionLanguage()).isEqualTo(FunctionLanguage.PYTHON);
        assertThat(read.getFunctionResources())
                .containsExactly(new ResourceUri(ResourceType.FILE, "s3://bucket/udfs.py"));
        assertThat(catalog.getFunction(new ObjectPath("default", "f1")).getFunctionLanguage())
                .isEqualTo(FunctionLanguage.JAVA);
        int before = glue.calls("GetUserDefinedFunctions");
        assertThat(catalog.listFunctions("default"))
                .containsExactlyInAnyOrder("normalize", "f0", "f1", "f2", "f3");
        assertThat(glue.calls("GetUserDefinedFunctions") - before).isEqualTo(3);

        assertThatThrownBy(() -> catalog.createFunction(path, python, false))
                .isInstanceOf(FunctionAlreadyExistException.class);
        catalog.alterFunction(
                path, new CatalogFunctionImpl("udfs.Other", FunctionLanguage.SCALA), false);
        assertThat(catalog.getFunction(path).getFunctionLanguage())
                .isEqualTo(FunctionLanguage.SCALA);
        assertThat(catalog.getFunction(path).getClassName()).isEqualTo("udfs.Other");
        catalog.dropFunction(path, false);
        assertThat(catalog.functionExists(path)).isFalse();
        assertThatThrownBy(() -> catalog.dropFunction(path, false))
                .isInstanceOf(FunctionNotExistException.class);
        assertThatThrownBy(() -> catalog.alterFunction(path, new CatalogFunctionImpl("x"), false))
                .isInstanceOf(FunctionNotExistException.class);
    }

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
        assertThat(glue.storedTable("default", "leaky")).isNull();
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
        assertThat(glue.storedTable("default", "kafka_leaky")).isNull();
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
                .containsEntry("aws.region", "eu-west-1")
                .containsEntry("aws.credentials.provider", "BASIC")
                .containsEntry("aws.credentials.basic.accesskeyid", "AKIDCATALOG")
                .containsEntry("aws.endpoint", "http://127.0.0.1:4567")
                .doesNotContainKey("aws.credentials.basic.secretkey");
        // the secret reaches the connector only, through the catalog's table factory
        assertThat(options.values()).noneMatch(v -> v.contains("catalog-secret-value"));

        // ALTER TABLE passes the inherited options back: they are stripped, not stored or refused
        CatalogBaseTable read = catalog.getTable(path);
        Map<String, String> altered = new HashMap<>(read.getOptions());
        altered.put("source.init.position", "TRIM_HORIZON");
        catalog.alterTable(path, kinesisTable(altered), false);
        Map<String, String> stored = glue.storedTable("default", "orders").parameters();
        assertThat(stored).containsEntry("flink.source.init.position", "TRIM_HORIZON");
        assertThat(stored.keySet())
                .noneMatch(k -> k.startsWith("flink.aws."))
                .doesNotContain("flink.aws.endpoint");
        assertThat(stored.values()).noneMatch(v -> v.contains("catalog-secret-value"));

        // ALTER TABLE ... SET ('aws.credentials.provider'='PROFILE') on an inheriting table: the
        // options passed back hold no secret, so nothing is refused and the choice is stored
        Map<String, String> profile = new HashMap<>(catalog.getTable(path).getOptions());
        profile.put("aws.credentials.provider", "PROFILE");
        catalog.alterTable(path, kinesisTable(profile), false);
        assertThat(glue.storedTable("default", "orders").parameters())
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
    void statisticsAreUnknownAndUpdatesAreAccepted() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        assertThat(catalog.getTableStatistics(path)).isEqualTo(CatalogTableStatistics.UNKNOWN);
        assertThat(catalog.getTableColumnStatistics(path))
                .isEqualTo(CatalogColumnStatistics.UNKNOWN);
        catalog.alterTableStatistics(path, new CatalogTableStatistics(10, 1, 100, 100), false);
        catalog.alterTableColumnStatistics(path, CatalogColumnStatistics.UNKNOWN, false);
        assertThat(catalog.getTableStatistics(path)).isEqualTo(CatalogTableStatistics.UNKNOWN);
        assertThatThrownBy(
                        () ->
                                catalog.alterTableStatistics(
                                        new ObjectPath("default", "nope"),
                                        CatalogTableStatistics.UNKNOWN,
                                        false))
                .isInstanceOf(TableNotExistException.class);
    }

    @Test
    void accessDeniedNamesTheActionAndTheResource() {
        glue.deny("CreateTable");
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        new ObjectPath("default", "orders"),
                                        kinesisTable(Map.of()),
                                        false))
                .isInstanceOfSatisfying(
                        GlueAccessDeniedException.class,
                        e -> {
                            assertThat(e.action()).isEqualTo("glue:CreateTable");
                            assertThat(e.resource()).isEqualTo("table default.orders");
                        })
                .hasMessageContaining("glue:CreateTable")
                .hasMessageContaining("table default.orders");
    }

    @Test
    void storedTableHasHiveColumnsKinesisKeysAndTheFormatVersion() throws Exception {
        catalog.createTable(new ObjectPath("default", "orders"), kinesisTable(Map.of()), false);
        Table stored = glue.storedTable("default", "orders");
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
        assertThat(read.getUnresolvedSchema().getColumns())
                .extracting(c -> c.toString())
                .containsExactly(
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
    void aServerErrorWithoutCodeFromAwsGlueIsAnErrorAndNeverHidesFunctions() throws Exception {
        // against AWS's own endpoint a 503 without an error code (e.g. from a proxy) is an error:
        // it must not make DROP DATABASE ... RESTRICT believe there are no functions
        catalog.createDatabase("fns", new CatalogDatabaseImpl(Map.of(), null), false);
        glue.failWithoutErrorCode("GetUserDefinedFunctions", 503);
        assertThatThrownBy(() -> catalog.dropDatabase("fns", false, false))
                .isInstanceOf(CatalogException.class);
        assertThatThrownBy(() -> catalog.listFunctions("fns")).isInstanceOf(CatalogException.class);
        assertThat(glue.calls("GetUserDefinedFunctions")).isEqualTo(2);
        assertThat(catalog.databaseExists("fns")).isTrue();
    }

    @Test
    void anEmulatedEndpointWithoutTheFunctionApiReportsNoFunctions() throws Exception {
        FakeGlueClient emulator = new FakeGlueClient(PAGE);
        emulator.endpointOverride(java.net.URI.create("http://127.0.0.1:5000"));
        emulator.failWithoutErrorCode("GetUserDefinedFunctions", 500);
        emulator.failWithoutErrorCode("GetUserDefinedFunction", 500);
        GlueCatalog local = new GlueCatalog(GlueCatalogConfig.builder("glue").build(), emulator);
        local.open();
        assertThat(local.listFunctions("default")).isEmpty();
        assertThat(local.functionExists(new ObjectPath("default", "f"))).isFalse();
        // the endpoint is marked once: no further calls
        assertThat(emulator.calls("GetUserDefinedFunctions")).isEqualTo(1);
        assertThat(emulator.calls("GetUserDefinedFunction")).isZero();
        local.close();
    }

    @Test
    void aMissingDefaultDatabaseThatCannotBeCreatedIsAClearErrorOnOpen() {
        glue.deny("CreateDatabase");
        GlueCatalog other =
                new GlueCatalog(
                        GlueCatalogConfig.builder("glue").defaultDatabase("analytics").build(),
                        glue);
        assertThatThrownBy(other::open)
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'analytics'")
                .hasMessageContaining("'default-database'")
                .hasMessageContaining("glue:CreateDatabase");
    }

    @Test
    void catalogIdAndSkipArchiveReachEveryGlueRequest() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        catalog.alterTable(path, kinesisTable(Map.of()), false);
        assertThat(glue.lastUpdateTable().skipArchive()).isTrue();
        assertThat(glue.catalogIds()).containsExactly("");

        FakeGlueClient crossAccount = new FakeGlueClient(PAGE);
        GlueCatalog other =
                new GlueCatalog(
                        GlueCatalogConfig.builder("glue")
                                .catalogId("210987654321")
                                .skipArchive(false)
                                .build(),
                        crossAccount);
        other.open();
        other.createTable(path, kinesisTable(Map.of()), false);
        other.alterTable(path, kinesisTable(Map.of()), false);
        other.listTables("default");
        assertThat(crossAccount.lastUpdateTable().skipArchive()).isFalse();
        assertThat(crossAccount.catalogIds()).containsExactly("210987654321");
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

        Table stored = glue.storedTable("default", "commented");
        assertThat(stored.description()).hasSize(2048).endsWith("...");
        assertThat(stored.storageDescriptor().columns().get(0).comment()).hasSize(255);
        CatalogTable read = (CatalogTable) catalog.getTable(path);
        assertThat(read.getComment()).isEqualTo(longComment);
        assertThat(read.getUnresolvedSchema().getColumns().get(0).getComment())
                .contains(longComment);
    }

    @Test
    void useBeforeOpenIsAClearError() {
        GlueCatalog closed = newCatalog(Map.of());
        assertThatThrownBy(closed::listDatabases)
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("call open()");
    }
}
