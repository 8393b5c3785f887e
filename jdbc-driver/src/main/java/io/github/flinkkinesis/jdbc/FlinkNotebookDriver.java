package io.github.flinkkinesis.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.flink.table.jdbc.FlinkDriver;

/**
 * A JDBC driver for notebooks (Zeppelin's JDBC interpreter) and other tools that make the calls
 * Flink's JDBC driver rejects: it wraps Flink's driver ({@code org.apache.flink.table.jdbc},
 * bundled in this jar) and changes only those calls.
 *
 * <p>URL: {@code jdbc:flink-notebook://host:port[/catalog[/database]][?key=value&...]}, the same as
 * Flink's {@code jdbc:flink://...} (which this driver passes it on as) under its own prefix, so
 * that a tool picks this driver and not Flink's, which this jar also contains. Connection
 * properties go to Flink's driver unchanged (they become the gateway session's configuration).
 *
 * <p>What the wrappers change: {@link ConnectionHandler}, {@link StatementHandler}, {@link
 * ResultSetHandler}. The calls Zeppelin makes, and which of them Flink's driver rejects, are listed
 * in docs/notebooks.md.
 */
public final class FlinkNotebookDriver implements Driver {

    /** The URL prefix this driver accepts. */
    public static final String URL_PREFIX = "jdbc:flink-notebook:";

    private static final String FLINK_URL_PREFIX = "jdbc:flink:";

    static {
        try {
            // tools load a driver with Class.forName(name), then ask DriverManager
            DriverManager.registerDriver(new FlinkNotebookDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Driver flink = new FlinkDriver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            // JDBC: null lets DriverManager ask the next driver
            return null;
        }
        return ConnectionHandler.wrap(flink.connect(flinkUrl(url), info));
    }

    /** {@code jdbc:flink-notebook://...} as Flink's driver takes it: {@code jdbc:flink://...}. */
    static String flinkUrl(String url) {
        return FLINK_URL_PREFIX + url.substring(URL_PREFIX.length());
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return flink.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return flink.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException(
                "FlinkNotebookDriver logs through SLF4J, not java.util.logging");
    }
}
