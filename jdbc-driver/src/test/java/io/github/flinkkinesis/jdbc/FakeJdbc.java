package io.github.flinkkinesis.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hand-written fakes of Flink's JDBC objects, behaving as Flink's driver 2.3.0 does for the calls
 * the wrappers pass on (read from its source): {@code setFetchSize}, {@code setMaxRows}, {@code
 * clearWarnings}, {@code isValid} and {@code getUpdateCount} after a query throw. Every call is
 * recorded. Calls a fake does not know fail the test.
 */
final class FakeJdbc {

    private FakeJdbc() {}

    /** A base: records calls by name and answers them with {@link #answer}. */
    abstract static class Fake implements InvocationHandler {
        final List<String> calls = new ArrayList<>();

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            calls.add(method.getName());
            return answer(method.getName(), args == null ? new Object[0] : args);
        }

        abstract Object answer(String method, Object[] args) throws SQLException;

        static SQLException unexpected(String method) {
            return new SQLException("the fake does not expect " + method);
        }
    }

    /** Rows from a supplier (endless if it never returns null), one BIGINT column "n". */
    static final class Rows extends Fake {
        private final Supplier<Long> rows;
        private Long current;
        boolean closed;

        Rows(Supplier<Long> rows) {
            this.rows = rows;
        }

        ResultSet proxy() {
            return (ResultSet)
                    Proxy.newProxyInstance(
                            FakeJdbc.class.getClassLoader(),
                            new Class<?>[] {ResultSet.class},
                            this);
        }

        @Override
        Object answer(String method, Object[] args) throws SQLException {
            switch (method) {
                case "next":
                    if (closed) {
                        throw new SQLException("This result set is already closed");
                    }
                    current = rows.get();
                    return current != null;
                case "getObject":
                    return current;
                case "getLong":
                    return current;
                case "close":
                    closed = true;
                    return null;
                case "isClosed":
                    return closed;
                case "getMetaData":
                    return metaData();
                case "getString":
                    // Flink's getString on a BIGINT column
                    throw new ClassCastException("BinaryStringData cannot be cast from Long");
                default:
                    throw unexpected(method);
            }
        }

        private ResultSetMetaData metaData() {
            Fake meta =
                    new Fake() {
                        @Override
                        Object answer(String method, Object[] args) throws SQLException {
                            switch (method) {
                                case "getColumnCount":
                                    return 1;
                                case "getColumnType":
                                    return Types.BIGINT;
                                default:
                                    throw unexpected(method);
                            }
                        }
                    };
            return (ResultSetMetaData)
                    Proxy.newProxyInstance(
                            FakeJdbc.class.getClassLoader(),
                            new Class<?>[] {ResultSetMetaData.class},
                            meta);
        }
    }

    /** A statement whose queries return {@code rows}; other SQL returns no rows. */
    static final class FakeStatement extends Fake {
        private final Rows rows;
        private Boolean hasResults;
        boolean closed;
        final List<String> executed = new ArrayList<>();

        FakeStatement(Rows rows) {
            this.rows = rows;
        }

        Statement proxy() {
            return (Statement)
                    Proxy.newProxyInstance(
                            FakeJdbc.class.getClassLoader(),
                            new Class<?>[] {Statement.class},
                            this);
        }

        @Override
        Object answer(String method, Object[] args) throws SQLException {
            switch (method) {
                case "setFetchSize":
                case "setMaxRows":
                case "getFetchSize":
                case "getMaxRows":
                    throw new SQLFeatureNotSupportedException(
                            "FlinkStatement#" + method + " is not supported yet.");
                case "execute":
                    String sql = (String) args[0];
                    executed.add(sql);
                    hasResults = sql.startsWith("SELECT") || sql.startsWith("SHOW");
                    return hasResults;
                case "executeQuery":
                    throw new SQLException("Statement[" + args[0] + "] is not a query.");
                case "getResultSet":
                    if (!Boolean.TRUE.equals(hasResults)) {
                        throw new SQLException("No result set in the current statement.");
                    }
                    return rows.proxy();
                case "getUpdateCount":
                    if (Boolean.TRUE.equals(hasResults)) {
                        throw new SQLFeatureNotSupportedException(
                                "FlinkStatement#getUpdateCount is not supported for query");
                    }
                    return 0;
                case "getMoreResults":
                    if (!Boolean.TRUE.equals(hasResults)) {
                        throw new SQLFeatureNotSupportedException(
                                "Multiple open results not supported");
                    }
                    rows.closed = true;
                    return false;
                case "cancel":
                case "close":
                    rows.closed = true;
                    closed = true;
                    return null;
                default:
                    throw unexpected(method);
            }
        }
    }

    /** A connection whose gateway session answers while {@code sessionAlive}. */
    static final class FakeConnection extends Fake {
        final FakeStatement statement;
        boolean sessionAlive = true;
        boolean closed;

        FakeConnection(FakeStatement statement) {
            this.statement = statement;
        }

        Connection proxy() {
            return (Connection)
                    Proxy.newProxyInstance(
                            FakeJdbc.class.getClassLoader(),
                            new Class<?>[] {Connection.class},
                            this);
        }

        @Override
        Object answer(String method, Object[] args) throws SQLException {
            switch (method) {
                case "createStatement":
                    if (args.length > 0) {
                        throw new SQLFeatureNotSupportedException(
                                "FlinkConnection#createStatement is not supported yet.");
                    }
                    return statement.proxy();
                case "clearWarnings":
                case "isValid":
                case "isReadOnly":
                case "setReadOnly":
                case "prepareStatement":
                    throw new SQLFeatureNotSupportedException(
                            "FlinkConnection#" + method + " is not supported yet.");
                case "getAutoCommit":
                    return true;
                case "getCatalog":
                    if (!sessionAlive) {
                        throw new SQLException("session expired");
                    }
                    return "default_catalog";
                case "isClosed":
                    return closed;
                case "close":
                    closed = true;
                    return null;
                default:
                    throw unexpected(method);
            }
        }
    }
}
