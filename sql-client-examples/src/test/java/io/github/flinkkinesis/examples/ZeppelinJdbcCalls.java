package io.github.flinkkinesis.examples;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The JDBC calls of Zeppelin's JDBC interpreter, in its order, for tests that cannot run Zeppelin
 * (its jars are not served to this build). Read from apache/zeppelin {@code
 * jdbc/src/main/java/org/apache/zeppelin/jdbc/JDBCInterpreter.java} and {@code SqlCompleter.java}
 * at v0.12.1 (ae9cb72f), the same calls at v0.11.2 and master (904e9136, August 2026), and the pool
 * Zeppelin puts around the connection, commons-dbcp2 2.0.1 ({@code PoolableConnectionFactory},
 * {@code PoolableConnection}, {@code DelegatingConnection}) with Zeppelin's defaults (no
 * validation, {@code rollbackOnReturn} and {@code enableAutoCommitOnReturn} on). docs/notebooks.md
 * lists them.
 *
 * <p>One pooled connection, kept idle between paragraphs as the pool keeps it (and thrown away, as
 * the pool does, when giving it back fails): its gateway session, with the {@code ADD JAR}s of
 * {@code default.precode}, lives as long as the interpreter.
 */
final class ZeppelinJdbcCalls {

    /** {@code common.max_count}: rows shown per result (default). */
    static final int MAX_RESULT = 1000;

    /** {@code zeppelin.jdbc.maxRows}: {@code setMaxRows} without a paragraph {@code limit}. */
    static final int MAX_ROWS = 1000;

    /** What a statement showed: rows (a {@code %table}), or an update count. */
    record Output(
            List<String> header, List<List<String>> rows, boolean truncated, int updateCount) {
        boolean isTable() {
            return header != null;
        }
    }

    private final Driver driver;
    private final String url;
    private final Properties properties;
    private Connection pooled;
    private int connectionsOpened;

    /**
     * {@code interpreterProperties}: the {@code default.*} settings without the prefix, which
     * Zeppelin 0.11/0.12 hand to the driver as they are (driver, url, user, password, precode).
     */
    ZeppelinJdbcCalls(Driver driver, Properties interpreterProperties) {
        this.driver = driver;
        this.url = interpreterProperties.getProperty("url");
        this.properties = interpreterProperties;
    }

    /** {@code open()} then {@code executePrecode}: the precode runs once, as a paragraph. */
    void open() throws SQLException {
        String precode = properties.getProperty("precode");
        if (precode != null && !precode.isBlank()) {
            paragraph(precode, null);
        }
    }

    /** {@code executeSql}: a paragraph's statements, {@code limit} its local property or null. */
    List<Output> paragraph(String text, Integer limit) throws SQLException {
        List<Output> outputs = new ArrayList<>();
        Connection connection = borrow();
        try {
            for (String sql : split(text)) {
                outputs.add(statement(connection, sql, limit));
            }
        } finally {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            giveBack(connection);
        }
        return outputs;
    }

    /**
     * What Zeppelin's {@code SqlSplitter} makes of the note's paragraphs: {@code --} comment lines
     * dropped, statements split at {@code ;} outside quotes (not a full SQL splitter).
     */
    static List<String> split(String text) {
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : code.toString().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        statements.add(current.toString());
        return statements.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private Output statement(Connection connection, String sql, Integer limit) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setFetchSize(limit != null ? limit : MAX_RESULT);
        statement.setMaxRows(limit != null ? limit : MAX_ROWS);
        ResultSet resultSet = null;
        try {
            if (statement.execute(sql)) {
                resultSet = statement.getResultSet();
                if (statement.getUpdateCount() < 0
                        && resultSet.getMetaData().getColumnCount() <= 0) {
                    return new Output(null, null, false, -1);
                }
                return results(resultSet);
            }
            return new Output(null, null, false, statement.getUpdateCount());
        } finally {
            if (resultSet != null) {
                try {
                    resultSet.close();
                } catch (SQLException ignored) {
                    // as Zeppelin does
                }
            }
            try {
                statement.close();
            } catch (SQLException ignored) {
                // as Zeppelin does
            }
        }
    }

    /** {@code getResults}: labels, then getObject and (when not null) getString per column. */
    private static Output results(ResultSet resultSet) throws SQLException {
        ResultSetMetaData md = resultSet.getMetaData();
        List<String> header = new ArrayList<>();
        for (int i = 1; i < md.getColumnCount() + 1; i++) {
            String label = md.getColumnLabel(i);
            header.add(label == null || label.isEmpty() ? md.getColumnName(i) : label);
        }
        List<List<String>> rows = new ArrayList<>();
        boolean truncated = false;
        while (resultSet.next()) {
            if (rows.size() >= MAX_RESULT) {
                truncated = true;
                break;
            }
            List<String> row = new ArrayList<>();
            for (int i = 1; i < md.getColumnCount() + 1; i++) {
                Object value = resultSet.getObject(i);
                row.add(value == null ? "null" : resultSet.getString(i));
            }
            rows.add(row);
        }
        return new Output(header, rows, truncated, -1);
    }

    /**
     * {@code completion} ({@code SqlCompleter.createOrUpdateFromConnection}): the metadata calls,
     * each failure caught as Zeppelin catches it; returns the schema names it would offer.
     */
    List<String> completion(String schemaForTables) throws SQLException {
        List<String> schemas = new ArrayList<>();
        Connection connection = borrow();
        try {
            DatabaseMetaData meta = connection.getMetaData();
            try {
                meta.getDriverName();
            } catch (SQLException ignored) {
                // Zeppelin logs it
            }
            for (String call :
                    List.of(
                            "SQLKeywords",
                            "StringFunctions",
                            "NumericFunctions",
                            "SystemFunctions",
                            "TimeDateFunctions")) {
                try {
                    DatabaseMetaData.class.getMethod("get" + call).invoke(meta);
                } catch (ReflectiveOperationException ignored) {
                    // Zeppelin catches the SQLException of each
                }
            }
            try (ResultSet rows = meta.getSchemas()) {
                while (rows.next()) {
                    schemas.add(rows.getString("TABLE_SCHEM"));
                }
            } catch (SQLException ignored) {
                // Zeppelin logs it
            }
            try (ResultSet rows = meta.getCatalogs()) {
                while (rows.next()) {
                    schemas.add(rows.getString("TABLE_CAT"));
                }
            } catch (SQLException ignored) {
                // Zeppelin logs it
            }
            String[] types = {
                "TABLE", "VIEW", "ALIAS", "SYNONYM", "GLOBAL TEMPORARY", "LOCAL TEMPORARY"
            };
            try (ResultSet tables = meta.getTables(schemaForTables, schemaForTables, "%", types)) {
                while (tables.next()) {
                    tables.getString("TABLE_NAME");
                }
            } catch (Throwable ignored) {
                // Zeppelin catches Throwable here: Flink's driver throws
                // UnsupportedOperationException
            }
        } finally {
            giveBack(connection);
        }
        return schemas;
    }

    /** How many connections (gateway sessions) the pool opened. */
    int connectionsOpened() {
        return connectionsOpened;
    }

    private Connection borrow() throws SQLException {
        if (pooled == null) {
            pooled = driver.connect(url, properties);
            connectionsOpened++;
        }
        // activateObject with Zeppelin's defaults sets nothing on the connection
        return pooled;
    }

    /** {@code PoolableConnection.close}, then {@code passivateObject}; a failure destroys it. */
    private void giveBack(Connection connection) throws SQLException {
        if (connection.isClosed()) {
            pooled = null;
            return;
        }
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit && !connection.isReadOnly()) {
                connection.rollback();
            }
            connection.clearWarnings();
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            pooled = null;
            throw new SQLException(
                    "the pool would destroy the connection (and its gateway session): " + e, e);
        }
    }

    /** Closes the pooled connection, as the interpreter's {@code close()} does. */
    void close() throws SQLException {
        if (pooled != null) {
            pooled.close();
            pooled = null;
        }
    }
}
