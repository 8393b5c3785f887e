package io.github.flinkkinesis.glue.registry.testutil;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A program that uses nothing but Flink's API, run in its own JVM on a class path of Flink and the
 * SQL jars: runs the DDL and INSERT statements given, then the SELECT, printing each row as {@code
 * ROW <row>}.
 */
public final class SqlJarProgram {

    private SqlJarProgram() {}

    public static void main(String[] args) throws Exception {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(args[0]);
        env.executeSql(args[1]).await();
        try (CloseableIterator<Row> rows = env.executeSql(args[2]).collect()) {
            rows.forEachRemaining(row -> System.out.println("ROW " + row));
        }
        System.exit(0);
    }
}
