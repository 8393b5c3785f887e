package io.github.flinkkinesis.examples;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Flink's JDBC driver loaded the way a notebook or BI tool loads it: {@code
 * flink-sql-jdbc-driver-bundle} and {@code slf4j-api} in a class loader of their own (system
 * property {@value #CLASSPATH_PROPERTY}), with nothing of Flink or this project beside it.
 */
final class NotebookDriver implements AutoCloseable {

    static final String CLASSPATH_PROPERTY = "jdbc.driver.classpath";

    private final URLClassLoader loader;
    private final Driver driver;

    NotebookDriver() throws ReflectiveOperationException, MalformedURLException {
        String classpath = System.getProperty(CLASSPATH_PROPERTY);
        if (classpath == null) {
            throw new IllegalStateException(
                    "System property "
                            + CLASSPATH_PROPERTY
                            + " is not set: run this test through Maven (failsafe sets it)");
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar
                                + " does not exist: resolve it with 'mvn -B -pl sql-client-examples"
                                + " dependency:resolve' (the test dependency"
                                + " flink-sql-jdbc-driver-bundle)");
            }
            urls.add(jar.toUri().toURL());
        }
        loader =
                new URLClassLoader(
                        "notebook-jdbc",
                        urls.toArray(URL[]::new),
                        ClassLoader.getPlatformClassLoader());
        driver =
                (Driver)
                        loader.loadClass("org.apache.flink.table.jdbc.FlinkDriver")
                                .getDeclaredConstructor()
                                .newInstance();
    }

    /** A new connection (a new gateway session) that has run {@code sessionInit} first. */
    Connection connect(String url, List<String> sessionInit) throws SQLException {
        Connection connection = driver.connect(url, new Properties());
        if (connection == null) {
            throw new IllegalStateException("Flink's JDBC driver does not accept " + url);
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : sessionInit) {
                statement.execute(sql);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Where {@link Driver} was loaded from: proves it is not this JVM's class path. */
    ClassLoader classLoader() {
        return driver.getClass().getClassLoader();
    }

    @Override
    public void close() throws Exception {
        loader.close();
    }
}
