package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.testing.LocalServerExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog through Flink SQL on a MiniCluster, against moto's Glue server. Every "session" is a
 * new TableEnvironment with a new catalog instance, so what a later session sees can only come from
 * Glue.
 */
class GlueCatalogSqlITCase {

    @RegisterExtension static final LocalServerExtension MOTO = LocalServerExtension.moto();

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    private static final String ORDERS_COLUMNS =
            "  order_id BIGINT NOT NULL COMMENT 'the id',\n"
                    + "  customer VARCHAR(64),\n"
                    + "  code CHAR(3),\n"
                    + "  price DECIMAL(12, 2),\n"
                    + "  placed TIMESTAMP(6),\n"
                    + "  placed_ltz TIMESTAMP_LTZ(9),\n"
                    + "  tags ARRAY<STRING NOT NULL>,\n"
                    + "  address ROW<street STRING, zip CHAR(5) NOT NULL>,\n"
                    + "  attrs MAP<STRING, INT>,\n"
                    + "  payload BYTES,\n"
                    + "  day_part STRING,\n"
                    + "  total AS price * 2 COMMENT 'computed',\n"
                    + "  shard STRING METADATA FROM 'shard-id' VIRTUAL,\n"
                    + "  arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,\n"
                    + "  WATERMARK FOR arrival AS arrival - INTERVAL '5' SECOND,\n"
                    + "  PRIMARY KEY (order_id) NOT ENFORCED\n";

    private static final String ORDERS_WITH =
            "COMMENT 'orders stream'\n"
                    + "PARTITIONED BY (day_part)\n"
                    + "WITH ('connector'='kinesis',"
                    + " 'stream.arn'='arn:aws:kinesis:us-east-1:000000000000:stream/orders',"
                    + " 'format'='json', 'json.ignore-parse-errors'='false',"
                    + " 'source.init.position'='TRIM_HORIZON')";

    @BeforeEach
    void reset() {
        MOTO.resetMoto();
    }

    /** A new "session": a fresh TableEnvironment with a fresh glue catalog instance. */
    static TableEnvironment session() {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.executeSql(createCatalogSql("glue", Map.of()));
        return env;
    }

    static String createCatalogSql(String name, Map<String, String> extra) {
        return createCatalogSql(name, GlueCatalogITCase.catalogAwsOptions(MOTO), extra);
    }

    static String createCatalogSql(
            String name, Map<String, String> aws, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(aws);
        options.put("type", "glue");
        options.putAll(extra);
        return "CREATE CATALOG "
                + name
                + " WITH ("
                + options.entrySet().stream()
                        .map(e -> "'" + e.getKey() + "'='" + e.getValue() + "'")
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static List<Row> collect(TableEnvironment env, String sql) throws Exception {
        TableResult result = env.executeSql(sql);
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<String> column(TableEnvironment env, String sql) throws Exception {
        return collect(env, sql).stream()
                .map(r -> String.valueOf(r.getField(0)))
                .collect(Collectors.toList());
    }

    @Test
    void aKinesisTableReadInALaterSessionIsExactlyAsDeclared() throws Exception {
        TableEnvironment first = session();
        first.executeSql("CREATE DATABASE glue.streams");
        first.executeSql(
                "CREATE TABLE glue.streams.orders (\n" + ORDERS_COLUMNS + ") " + ORDERS_WITH);

        // the same DDL in Flink's in-memory catalog is the reference
        TableEnvironment reference = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        reference.executeSql("CREATE TABLE orders (\n" + ORDERS_COLUMNS + ") " + ORDERS_WITH);
        ResolvedSchema expected = reference.from("orders").getResolvedSchema();

        TableEnvironment later = session();
        ResolvedSchema actual = later.from("glue.streams.orders").getResolvedSchema();
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(actual.getColumnDataTypes()).isEqualTo(expected.getColumnDataTypes());
        assertThat(actual.getColumns())
                .extracting(c -> c.getComment().orElse(""))
                .isEqualTo(
                        expected.getColumns().stream()
                                .map(c -> c.getComment().orElse(""))
                                .collect(Collectors.toList()));
        assertThat(actual.getWatermarkSpecs()).hasSize(1);
        assertThat(actual.getWatermarkSpecs().get(0).getRowtimeAttribute()).isEqualTo("arrival");
        assertThat(actual.getPrimaryKey()).isEqualTo(expected.getPrimaryKey());

        CatalogTable stored =
                (CatalogTable)
                        later.getCatalog("glue")
                                .orElseThrow()
                                .getTable(new ObjectPath("streams", "orders"));
        CatalogTable declared =
                (CatalogTable)
                        reference
                                .getCatalog("default_catalog")
                                .orElseThrow()
                                .getTable(new ObjectPath("default_database", "orders"));
        assertThat(stored.getComment()).isEqualTo("orders stream");
        assertThat(stored.getPartitionKeys()).containsExactly("day_part");
        Map<String, String> expectedOptions = new HashMap<>(declared.getOptions());
        expectedOptions.put("aws.region", "us-east-1");
        expectedOptions.put("aws.credentials.provider", "BASIC");
        expectedOptions.put("aws.credentials.basic.accesskeyid", "AKIDTEST");
        // the secret key is never in the table getTable returns: only the connector gets it
        assertThat(stored.getOptions()).isEqualTo(expectedOptions);
        assertThat(stored.getOptions().values()).doesNotContain(GlueCatalogITCase.SECRET);
    }

    @Test
    void databasesTablesAndViewsThroughSql() throws Exception {
        TableEnvironment first = session();
        first.executeSql("CREATE DATABASE glue.shop COMMENT 'the shop' WITH ('team'='a')");
        assertThat(column(first, "SHOW DATABASES IN glue")).contains("default", "shop");
        first.executeSql("ALTER DATABASE glue.shop SET ('team'='b')");
        first.executeSql(
                "CREATE TABLE glue.shop.numbers (id BIGINT, name STRING) WITH ("
                        + "'connector'='datagen', 'fields.id.kind'='sequence',"
                        + " 'fields.id.start'='1', 'fields.id.end'='10', 'number-of-rows'='10')");
        first.executeSql(
                "CREATE VIEW glue.shop.big COMMENT 'ids above five' AS"
                        + " SELECT id FROM glue.shop.numbers WHERE id > 5");

        TableEnvironment second = session();
        assertThat(second.getCatalog("glue").orElseThrow().getDatabase("shop").getProperties())
                .containsEntry("team", "b");
        second.executeSql("USE CATALOG glue");
        second.executeSql("USE shop");
        assertThat(column(second, "SHOW TABLES")).containsExactlyInAnyOrder("numbers", "big");
        assertThat(column(second, "SHOW VIEWS")).containsExactly("big");
        // queries run with the built-in catalog current: with glue current, the planner looks up
        // every identifier as a catalog function too, and moto answers GetUserDefinedFunction
        // with HTTP 500 (real Glue answers EntityNotFound; covered by GlueCatalogTest)
        second.executeSql("USE CATALOG default_catalog");
        assertThat(column(second, "SELECT SUM(id) FROM glue.shop.big")).containsExactly("40");
        second.executeSql(
                "ALTER TABLE glue.shop.numbers SET ('fields.id.end'='4', 'number-of-rows'='4')");
        second.executeSql("ALTER TABLE glue.shop.numbers ADD note STRING COMMENT 'added later'");

        TableEnvironment third = session();
        assertThat(column(third, "SELECT COUNT(*) FROM glue.shop.numbers")).containsExactly("4");
        assertThat(third.from("glue.shop.numbers").getResolvedSchema().getColumnNames())
                .containsExactly("id", "name", "note");
        third.executeSql("ALTER TABLE glue.shop.numbers RENAME TO nums");
        third.executeSql("ALTER VIEW glue.shop.big RENAME TO above_five");
        assertThat(column(third, "SHOW TABLES IN glue.shop"))
                .containsExactlyInAnyOrder("nums", "above_five");
        // statistics are not stored, but ANALYZE TABLE must not fail the user's statement
        third.executeSql("ANALYZE TABLE glue.shop.nums COMPUTE STATISTICS").await();
        assertThat(
                        third.getCatalog("glue")
                                .orElseThrow()
                                .getTableStatistics(new ObjectPath("shop", "nums")))
                .isEqualTo(CatalogTableStatistics.UNKNOWN);
        third.executeSql("DROP VIEW glue.shop.above_five");
        third.executeSql("DROP TABLE glue.shop.nums");
        assertThat(column(third, "SHOW TABLES IN glue.shop")).isEmpty();
        third.executeSql("DROP DATABASE glue.shop CASCADE");
        assertThat(column(third, "SHOW DATABASES IN glue")).containsExactly("default");
    }

    @Test
    void aTableWithASecretIsRefusedThroughSql() {
        TableEnvironment env = session();
        assertThatThrownBy(
                        () ->
                                env.executeSql(
                                        "CREATE TABLE glue.`default`.leaky (id BIGINT) WITH ("
                                                + "'connector'='kinesis', 'stream.arn'='s',"
                                                + " 'format'='json',"
                                                + " 'aws.credentials.provider'='BASIC',"
                                                + " 'aws.credentials.basic.accesskeyid'='AKID',"
                                                + " 'aws.credentials.basic.secretkey'='leaked-42')"))
                .hasStackTraceContaining("never writes secrets")
                .hasStackTraceContaining("'aws.credentials.basic.secretkey'");
        assertThat(
                        env.getCatalog("glue")
                                .orElseThrow()
                                .tableExists(new ObjectPath("default", "leaky")))
                .isFalse();
    }

    @Test
    void invalidNamesAndUnknownCatalogOptionsAreClearErrors() {
        TableEnvironment env = session();
        assertThatThrownBy(() -> env.executeSql("CREATE DATABASE glue.`my-db`"))
                .hasStackTraceContaining("letters, digits and underscores");
        assertThatThrownBy(
                        () ->
                                env.executeSql(
                                        createCatalogSql("bad", Map.of("skip-archiv", "true"))))
                .hasStackTraceContaining("skip-archiv");
    }

    @Test
    void glueAsCurrentCatalogWorksOnAnEndpointWithoutTheFunctionApi() {
        // moto answers Glue's function API with HTTP 500 and no error code; the planner asks the
        // current catalog about every name in the watermark expression and the query
        TableEnvironment env = session();
        env.executeSql("USE CATALOG glue");
        env.executeSql("CREATE DATABASE fn_less");
        env.executeSql("CREATE TABLE fn_less.orders (\n" + ORDERS_COLUMNS + ") " + ORDERS_WITH);
        assertThat(env.executeSql("SHOW TABLES FROM fn_less").collect())
                .toIterable()
                .extracting(row -> row.getField(0))
                .containsExactly("orders");
        assertThat(env.executeSql("SHOW FUNCTIONS").collect()).toIterable().isNotEmpty();
        assertThatThrownBy(() -> env.executeSql("CREATE FUNCTION fn_less.f AS 'com.example.Upper'"))
                .hasStackTraceContaining("does not implement user-defined functions")
                .hasStackTraceContaining("temporary function");
    }
}
