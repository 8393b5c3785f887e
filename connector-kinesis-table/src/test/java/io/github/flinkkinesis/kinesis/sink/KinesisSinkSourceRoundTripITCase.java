package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL round trip: INSERT INTO a kinesis table with a partition-key metadata column, then read
 * the same table back with the kinesis source (a bounded read from TRIM_HORIZON to LATEST) and get
 * every row once, with the partition key that was written.
 */
class KinesisSinkSourceRoundTripITCase {

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();

    private static final int ROWS = 1500;

    @Test
    void rowsWrittenBySqlAreReadBackBySqlWithTheirPartitionKeys() throws Exception {
        String stream = ENV.newStream(3);
        StreamTableEnvironment tEnv = ENV.tableEnv(2);
        TestTables.createGenerator(tEnv, ROWS);
        tEnv.executeSql(
                ENV.ddl(
                        "orders (id INT, name STRING, pk STRING METADATA FROM 'partition-key')",
                        TestTables.boundedRead(stream, "json")));
        tEnv.executeSql(
                        "INSERT INTO orders SELECT id, CONCAT('name-', CAST(id AS STRING)),"
                                + " CONCAT('customer-', CAST(MOD(id, 11) AS STRING)) FROM gen")
                .await();

        List<Row> rows = TestTables.collect(tEnv, "SELECT id, name, pk FROM orders");

        Map<Integer, Integer> counts = new HashMap<>();
        for (Row row : rows) {
            int id = (Integer) row.getField(0);
            counts.merge(id, 1, Integer::sum);
            assertThat(row.getField(1)).isEqualTo("name-" + id);
            assertThat(row.getField(2))
                    .as("partition key of id %s", id)
                    .isEqualTo("customer-" + (id % 11));
        }
        assertThat(counts).hasSize(ROWS);
        assertThat(counts.values()).as("each row exactly once").containsOnly(1);
    }
}
