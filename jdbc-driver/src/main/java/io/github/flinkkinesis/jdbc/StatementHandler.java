package io.github.flinkkinesis.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

/**
 * The statement wrapper.
 *
 * <ul>
 *   <li>{@code setFetchSize(n)}: remembered, {@code getFetchSize()} returns it. It has no effect:
 *       Flink's driver fetches result pages as the gateway sends them.
 *   <li>{@code setMaxRows(n)}: applied here. A result set of this statement ends after {@code n}
 *       rows and then closes Flink's result set, which makes the gateway cancel the query's job: a
 *       notebook shows the first {@code n} rows of an unbounded query and the job stops. 0 means no
 *       limit.
 *   <li>{@code executeQuery(sql)}: any statement that returns rows ({@code SHOW}, {@code DESCRIBE},
 *       {@code EXPLAIN} too, which Flink's {@code executeQuery} rejects); a statement without rows
 *       fails, as JDBC asks.
 *   <li>{@code getUpdateCount()}: -1 while the current result is a result set (Flink's driver
 *       throws there) and after {@code getMoreResults()}; otherwise Flink's answer.
 *   <li>{@code getMoreResults()}: {@code false}, after closing the current result set if there is
 *       one (Flink's driver throws when there is none, e.g. after an update).
 *   <li>{@code getResultSet()} and {@code executeQuery}: wrapped result sets ({@link
 *       ResultSetHandler}); {@code getConnection()}: the wrapped connection.
 *   <li>For a statement made by {@code prepareStatement(sql)}: {@code execute()}, {@code
 *       executeQuery()} and {@code executeUpdate()} run {@code sql}; parameters are not supported.
 * </ul>
 *
 * Everything else, {@code cancel()} and {@code close()} included (both close the current result,
 * and the gateway cancels its job), is Flink's.
 */
final class StatementHandler extends DelegatingHandler<Statement> {

    private final Connection connection;
    private final String preparedSql;
    private int fetchSize;
    private int maxRows;
    private ResultSet current;
    private boolean noMoreResults;

    private StatementHandler(Statement delegate, Connection connection, String preparedSql) {
        super(preparedSql == null ? Statement.class : PreparedStatement.class, delegate);
        this.connection = connection;
        this.preparedSql = preparedSql;
    }

    /**
     * Wraps {@code statement} of {@code connection} (the wrapper); with {@code preparedSql} not
     * null, the wrapper is a {@link PreparedStatement} that runs it.
     */
    static Statement wrap(Statement statement, Connection connection, String preparedSql) {
        return new StatementHandler(statement, connection, preparedSql).proxy();
    }

    @Override
    Object handle(Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == PreparedStatement.class) {
            return prepared(method);
        }
        switch (method.getName()) {
            case "setFetchSize":
                fetchSize = nonNegative("setFetchSize", (Integer) args[0]);
                return null;
            case "getFetchSize":
                return fetchSize;
            case "setMaxRows":
                maxRows = nonNegative("setMaxRows", (Integer) args[0]);
                return null;
            case "getMaxRows":
                return maxRows;
            case "execute":
                return args.length == 1 ? execute((String) args[0]) : DELEGATE;
            case "executeQuery":
                return executeQuery((String) args[0]);
            case "getResultSet":
                return resultSet();
            case "getUpdateCount":
                return current != null || noMoreResults ? -1 : delegate.getUpdateCount();
            case "getMoreResults":
                if (args.length == 0) {
                    if (current != null) {
                        // closes the current result; without one, Flink's throws
                        delegate.getMoreResults();
                    }
                    current = null;
                    noMoreResults = true;
                    return false;
                }
                return DELEGATE;
            case "getConnection":
                return connection;
            default:
                return DELEGATE;
        }
    }

    private boolean execute(String sql) throws SQLException {
        current = null;
        noMoreResults = false;
        boolean rows = delegate.execute(sql);
        if (rows) {
            current = ResultSetHandler.wrap(delegate.getResultSet(), proxy(), maxRows);
        }
        return rows;
    }

    private ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException(
                    "Statement returns no rows, use execute or executeUpdate for it: " + sql);
        }
        return current;
    }

    private ResultSet resultSet() throws SQLException {
        if (current == null) {
            // Flink's message: no result set, or it has been closed
            return delegate.getResultSet();
        }
        return current;
    }

    private Object prepared(Method method) throws SQLException {
        switch (method.getName()) {
            case "execute":
                return execute(preparedSql);
            case "executeQuery":
                return executeQuery(preparedSql);
            case "executeUpdate":
                execute(preparedSql);
                return 0;
            case "executeLargeUpdate":
                execute(preparedSql);
                return 0L;
            case "clearParameters":
                return null;
            case "getMetaData":
                return current == null ? null : current.getMetaData();
            default:
                throw new SQLFeatureNotSupportedException(
                        "PreparedStatement#"
                                + method.getName()
                                + " is not supported: Flink's gateway takes no parameters; put the"
                                + " values into the SQL text");
        }
    }

    private static int nonNegative(String what, int value) throws SQLException {
        if (value < 0) {
            throw new SQLException(what + " takes 0 or more rows, not " + value);
        }
        return value;
    }
}
