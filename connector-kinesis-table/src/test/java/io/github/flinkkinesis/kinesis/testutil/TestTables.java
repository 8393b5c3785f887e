package io.github.flinkkinesis.kinesis.testutil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * What the SQL integration tests share besides their {@link KinesisTestEnvironment}: the options of
 * a bounded read, and the rows of a query.
 */
public final class TestTables {

    private TestTables() {}

    /**
     * The options of a kinesis table that reads {@code stream} in {@code format} from TRIM_HORIZON
     * up to the records that were there when the job started; a mutable map, for more options.
     */
    public static Map<String, String> boundedRead(String stream, String format) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("stream.arn", stream);
        options.put("format", format);
        options.put("source.init.position", "TRIM_HORIZON");
        options.put("source.stop.position", "LATEST");
        return options;
    }

    /** Runs a bounded query and returns all its rows. */
    public static List<Row> collect(TableEnvironment tableEnv, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tableEnv.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
