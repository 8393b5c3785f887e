package io.github.flinkkinesis.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * The connection wrapper: hands out wrapped statements and answers the calls of connection pools
 * that Flink's connection rejects.
 *
 * <ul>
 *   <li>{@code createStatement()} and the forward-only, read-only forms of {@code
 *       createStatement(type, concurrency[, holdability])}: a wrapped statement ({@link
 *       StatementHandler}).
 *   <li>{@code prepareStatement(sql)}: a statement that runs {@code sql} as it is, for pools that
 *       validate connections with a prepared query (commons-dbcp2 with {@code testOnBorrow}); it
 *       takes no parameters.
 *   <li>{@code clearWarnings()}: nothing to clear (the connection never reports warnings).
 *       commons-dbcp2 calls it when a connection goes back to its pool; were it to fail, the pool
 *       would close the connection, and with it the gateway session and its {@code ADD JAR}s.
 *   <li>{@code isValid(timeout)}: whether the gateway session still answers {@code SHOW CURRENT
 *       CATALOG}.
 *   <li>{@code isReadOnly()}: {@code false}; {@code setReadOnly} is a hint, ignored.
 * </ul>
 */
final class ConnectionHandler extends DelegatingHandler<Connection> {

    ConnectionHandler(Connection delegate) {
        super(Connection.class, delegate);
    }

    static Connection wrap(Connection connection) {
        return new ConnectionHandler(connection).proxy();
    }

    @Override
    Object handle(Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "createStatement":
                if (args.length > 0) {
                    requireForwardOnlyReadOnly(args);
                }
                return StatementHandler.wrap(delegate.createStatement(), proxy(), null);
            case "prepareStatement":
                if (is(method, "prepareStatement", String.class)) {
                    String sql = (String) args[0];
                    return (PreparedStatement)
                            StatementHandler.wrap(delegate.createStatement(), proxy(), sql);
                }
                return DELEGATE;
            case "clearWarnings":
            case "setReadOnly":
                return null;
            case "isReadOnly":
                return false;
            case "isValid":
                return isValid((Integer) args[0]);
            default:
                return DELEGATE;
        }
    }

    private boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) {
            throw new SQLException("isValid: the timeout must not be negative: " + timeoutSeconds);
        }
        if (delegate.isClosed()) {
            return false;
        }
        try {
            return delegate.getCatalog() != null;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static void requireForwardOnlyReadOnly(Object[] args)
            throws SQLFeatureNotSupportedException {
        int type = (Integer) args[0];
        int concurrency = (Integer) args[1];
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw new SQLFeatureNotSupportedException(
                    "Flink's results are forward-only and read-only: use createStatement() or"
                            + " ResultSet.TYPE_FORWARD_ONLY with ResultSet.CONCUR_READ_ONLY");
        }
    }
}
