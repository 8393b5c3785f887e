package io.github.flinkkinesis.kinesis.testutil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * What the SQL integration tests share besides their {@link KinesisTestEnvironment}: the options of
 * kinesis tables, the rows of a bounded query, and waiting for an unbounded one.
 */
public final class TestTables {

    private TestTables() {}

    /**
     * The options of a kinesis table on {@code stream} in {@code format}; add more with {@code
     * with}.
     */
    public static TableOptions options(String stream, String format) {
        return new TableOptions().with("stream.arn", stream).with("format", format);
    }

    /**
     * The options of a kinesis table that reads {@code stream} in {@code format} from TRIM_HORIZON
     * up to the records that were there when the job started.
     */
    public static TableOptions boundedRead(String stream, String format) {
        return options(stream, format)
                .with("source.init.position", "TRIM_HORIZON")
                .with("source.stop.position", "LATEST");
    }

    /**
     * The options of a kinesis table that reads {@code stream} in {@code format} from TRIM_HORIZON
     * on and never stops, polling a shard without new records every 50 ms, so that a test sees new
     * records soon.
     */
    public static TableOptions unboundedRead(String stream, String format) {
        return options(stream, format)
                .with("source.init.position", "TRIM_HORIZON")
                .with("source.reader.empty-records-fetch-interval", "50 ms");
    }

    /** Creates {@code gen}, a bounded temporary table of {@code rows} rows with ids 1..rows. */
    public static void createGenerator(TableEnvironment tableEnv, int rows) {
        tableEnv.executeSql(
                "CREATE TEMPORARY TABLE gen (id INT) WITH ("
                        + " 'connector' = 'datagen',"
                        + " 'fields.id.kind' = 'sequence',"
                        + " 'fields.id.start' = '1',"
                        + " 'fields.id.end' = '"
                        + rows
                        + "')");
    }

    /** Runs a bounded query and returns all its rows. */
    public static List<Row> collect(TableEnvironment tableEnv, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tableEnv.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /**
     * Runs {@code work} (e.g. reading an unbounded query's rows) on its own thread and returns its
     * result, or fails the test if it takes longer than {@code timeout}.
     */
    public static <T> T within(Duration timeout, Callable<T> work) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            return executor.submit(work).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Not done within " + timeout, e);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Options of a table, in the order given; {@link #with} adds or replaces one. */
    public static final class TableOptions extends LinkedHashMap<String, String> {

        private static final long serialVersionUID = 1L;

        public TableOptions with(String key, String value) {
            put(key, value);
            return this;
        }
    }
}
