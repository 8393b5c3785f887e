package io.github.flinkkinesis.examples.tableapi;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.catalog.CatalogDescriptor;

/**
 * A Table API program: per shard of a Kinesis stream and per tumbling event-time window, how many
 * records arrived and the sum of their {@code amount}, written to another Kinesis stream. The
 * tables live in the AWS Glue Data Catalog, so another program or a SQL Client session finds them
 * there.
 *
 * <ol>
 *   <li>registers the Glue catalog ({@code 'type' = 'glue'}) and makes it current;
 *   <li>creates the database and the two tables ({@link ExampleTables}) in Glue unless they exist;
 *   <li>reads the events with their {@code shard-id} and {@code timestamp} metadata, event time
 *       being the arrival time with a watermark {@code --watermark-delay} behind it (per shard, in
 *       the source; idle shards stop holding it back after {@code --idle-timeout});
 *   <li>aggregates with the {@code TUMBLE} window table-valued function, grouped by shard and
 *       window, and inserts the rows into the counts table. A window's row is written once its end
 *       passed the watermark; with {@code --bounded true} the read stops at the records present at
 *       the start and the final watermark closes the last windows.
 * </ol>
 *
 * <p>Run it with {@code flink run table-api-example-<version>.jar --input-stream events
 * --output-stream counts} on a cluster whose {@code lib/} holds the connector's and the catalog's
 * SQL jars; see {@link JobArguments} for every argument.
 */
public final class ShardWindowCounts {

    static final String CATALOG = "glue";

    private final TableEnvironment tableEnv;
    private final JobArguments arguments;

    ShardWindowCounts(TableEnvironment tableEnv, JobArguments arguments) {
        this.tableEnv = tableEnv;
        this.arguments = arguments;
    }

    public static void main(String... args) throws Exception {
        JobArguments arguments = JobArguments.parse(args);
        TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        TableResult result = new ShardWindowCounts(tableEnv, arguments).run();
        if (arguments.bounded()) {
            result.await(); // a bounded job ends; an unbounded one runs until cancelled
        }
    }

    /** Sets up the catalog and tables, then submits the job and returns its result. */
    TableResult run() {
        tableEnv.getConfig().set("table.local-time-zone", "UTC");
        tableEnv.getConfig().set("table.exec.source.idle-timeout", millis(arguments.idleTimeout()));
        registerCatalog();
        createTablesIfMissing();
        return windowCounts().insertInto(ExampleTables.COUNTS).execute();
    }

    private void registerCatalog() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("type", "glue");
        options.put("aws.region", arguments.region());
        arguments.glueEndpoint().ifPresent(endpoint -> options.put("aws.endpoint", endpoint));
        arguments
                .kinesisEndpoint()
                .ifPresent(endpoint -> options.put("table-defaults.aws.endpoint", endpoint));
        options.putAll(arguments.catalogOptions());
        tableEnv.createCatalog(
                CATALOG, CatalogDescriptor.of(CATALOG, Configuration.fromMap(options)));
        tableEnv.useCatalog(CATALOG);
    }

    private void createTablesIfMissing() {
        tableEnv.executeSql("CREATE DATABASE IF NOT EXISTS `" + arguments.database() + "`");
        tableEnv.useDatabase(arguments.database());
        if (!exists(ExampleTables.EVENTS)) {
            tableEnv.createTable(
                    ExampleTables.EVENTS,
                    ExampleTables.events(arguments.inputStream(), arguments.watermarkDelay()));
        }
        if (!exists(ExampleTables.COUNTS)) {
            tableEnv.createTable(
                    ExampleTables.COUNTS, ExampleTables.counts(arguments.outputStream()));
        }
    }

    private boolean exists(String table) {
        return Arrays.asList(tableEnv.listTables()).contains(table);
    }

    /**
     * The events of this run (start and, if bounded, stop position given as dynamic options, not
     * stored in Glue) counted per shard and tumbling window.
     */
    Table windowCounts() {
        String readOptions = "'source.init.position' = '" + arguments.start() + "'";
        if (arguments.bounded()) {
            readOptions += ", 'source.stop.position' = 'LATEST'";
        }
        Table events =
                tableEnv.sqlQuery(
                        "SELECT * FROM "
                                + ExampleTables.EVENTS
                                + " /*+ OPTIONS("
                                + readOptions
                                + ") */");
        tableEnv.createTemporaryView("events_of_this_run", events);
        return tableEnv.sqlQuery(
                "SELECT shard_id, window_start, window_end,"
                        + " COUNT(*) AS record_count, SUM(amount) AS amount_sum"
                        + " FROM TABLE(TUMBLE(TABLE events_of_this_run, DESCRIPTOR(arrival_time), "
                        + ExampleTables.interval(arguments.window())
                        + "))"
                        + " GROUP BY shard_id, window_start, window_end");
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
