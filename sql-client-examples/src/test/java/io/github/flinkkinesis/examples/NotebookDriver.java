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
 * A JDBC driver loaded the way a notebook or BI tool loads it: its jars in a class loader of their
 * own, with nothing of Flink or this project beside them. {@link #NotebookDriver()} is Flink's
 * driver ({@code flink-sql-jdbc-driver-bundle} and {@code slf4j-api}, system property {@value
 * #CLASSPATH_PROPERTY}); {@link #ours()} is this project's notebook driver, its one jar (system
 * property {@value #OUR_JAR_PROPERTY}).
 */
final class NotebookDriver implements AutoCloseable {

    static final String CLASSPATH_PROPERTY = "jdbc.driver.classpath";
    static final String OUR_JAR_PROPERTY = "notebook.driver.jar";
    static final String OUR_DRIVER_CLASS = "io.github.flinkkinesis.jdbc.FlinkNotebookDriver";

    private final URLClassLoader loader;
    private final Driver driver;

    /** Flink's driver. */
    NotebookDriver() throws ReflectiveOperationException, MalformedURLException {
        this(CLASSPATH_PROPERTY, "org.apache.flink.table.jdbc.FlinkDriver");
    }

    /** This project's notebook driver, from its jar alone. */
    static NotebookDriver ours() throws ReflectiveOperationException, MalformedURLException {
        return new NotebookDriver(OUR_JAR_PROPERTY, OUR_DRIVER_CLASS);
    }

    private NotebookDriver(String classpathProperty, String driverClass)
            throws ReflectiveOperationException, MalformedURLException {
        String classpath = System.getProperty(classpathProperty);
        if (classpath == null) {
            throw new IllegalStateException(
                    "System property "
                            + classpathProperty
                            + " is not set: run this test through Maven (failsafe sets it)");
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar
                                + " does not exist: build it with 'mvn -B -pl sql-client-examples -am"
                                + " install -DskipTests' (the test dependencies"
                                + " flink-sql-jdbc-driver-bundle and flink-kinesis-jdbc-driver)");
            }
            urls.add(jar.toUri().toURL());
        }
        loader =
                new URLClassLoader(
                        "notebook-jdbc",
                        urls.toArray(URL[]::new),
                        ClassLoader.getPlatformClassLoader());
        driver = (Driver) loader.loadClass(driverClass).getDeclaredConstructor().newInstance();
    }

    /** A new connection (a new gateway session) that has run {@code sessionInit} first. */
    Connection connect(String url, List<String> sessionInit) throws SQLException {
        Connection connection = driver.connect(url, new Properties());
        if (connection == null) {
            throw new IllegalStateException(driver.getClass() + " does not accept " + url);
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

    /** The driver, as a tool holds it after {@code Class.forName}. */
    Driver driver() {
        return driver;
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
