package io.github.flinkkinesis.examples;

import io.github.flinkkinesis.testing.ChildProcesses;
import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.ProjectPaths;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flink's real SQL Gateway (REST endpoint on 127.0.0.1, a free port) in a child JVM, with a Flink
 * session cluster ({@link SessionCluster}) in another, for notebooks and BI tools that connect
 * through Flink's JDBC driver ({@code jdbc:flink://127.0.0.1:<port>}).
 *
 * <p>Lifecycle: {@link #start} starts the cluster, then the gateway (configuration {@code
 * sql-client-examples/gateway-conf/config.yaml}, jobs go to the cluster, catalogs are kept in a
 * file catalog store), waits until both answer, then runs the initialisation scripts once in a
 * session of the gateway's REST API: after {@code ADD JAR} of the SQL jars, the scripts' {@code
 * CREATE CATALOG} stores the Glue catalog in the catalog store, so every later session lists it.
 * The SQL jars are never on the gateway's class path: each session loads them with the statements
 * of {@link #sessionInit()} (what a notebook's first paragraph, Zeppelin's {@code default.precode}
 * or DBeaver's bootstrap queries run), and they travel with each job to the cluster. {@link #close}
 * stops the gateway, then the cluster (also from a JVM shutdown hook).
 */
public final class SqlGatewayRun implements AutoCloseable {

    private static final String GATEWAY_MAIN = "org.apache.flink.table.gateway.SqlGateway";

    private final ChildProcesses processes;
    private final int gatewayPort;
    private final int clusterPort;
    private final List<Path> sqlJars;
    private final Path workDir;

    private SqlGatewayRun(
            ChildProcesses processes,
            int gatewayPort,
            int clusterPort,
            List<Path> sqlJars,
            Path workDir) {
        this.processes = processes;
        this.gatewayPort = gatewayPort;
        this.clusterPort = clusterPort;
        this.sqlJars = List.copyOf(sqlJars);
        this.workDir = workDir;
    }

    /**
     * Starts the cluster and the gateway and runs {@code initScripts} (DDL such as {@code CREATE
     * CATALOG}; their {@code SHOW} statements are left out) once, after the {@code ADD JAR}s.
     */
    public static SqlGatewayRun start(List<Path> sqlJars, List<Path> initScripts, Path workDir)
            throws IOException, InterruptedException {
        ChildProcesses processes = new ChildProcesses("stop-sql-gateway", Duration.ofSeconds(10));
        SqlGatewayRun run =
                new SqlGatewayRun(
                        processes,
                        LocalServer.freePort(),
                        LocalServer.freePort(),
                        sqlJars,
                        workDir);
        try {
            run.startCluster();
            run.startGateway();
            run.initialise(initScripts);
            return run;
        } catch (IOException | InterruptedException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    private void startCluster() throws IOException {
        Process cluster =
                processes.add(
                        ChildJvm.start(
                                SessionCluster.class.getName(),
                                List.of(String.valueOf(clusterPort)),
                                confDir(),
                                clusterLog(),
                                Map.of()));
        ChildJvm.awaitHttpOk(
                cluster,
                clusterRest().resolve("/taskmanagers"),
                "The Flink session cluster",
                clusterLog());
    }

    private void startGateway() throws IOException {
        Path catalogStore = Files.createDirectories(workDir.resolve("catalog-store"));
        List<String> args =
                List.of(
                        "-Dsql-gateway.endpoint.rest.port=" + gatewayPort,
                        "-Drest.port=" + clusterPort,
                        "-Dtable.catalog-store.file.path=" + catalogStore,
                        "-Dtable.resources.download-dir=" + workDir.resolve("resources"));
        Process gateway =
                processes.add(
                        ChildJvm.start(GATEWAY_MAIN, args, confDir(), gatewayLog(), Map.of()));
        ChildJvm.awaitHttpOk(
                gateway, gatewayRest().resolve("/v2/info"), "The Flink SQL Gateway", gatewayLog());
    }

    private void initialise(List<Path> initScripts) throws IOException, InterruptedException {
        GatewaySessions sessions = new GatewaySessions(gatewayRest());
        String session = sessions.open("initialisation");
        try {
            for (String statement : sessionInit()) {
                sessions.configure(session, statement);
            }
            for (Path script : initScripts) {
                String sql = Files.readString(script, StandardCharsets.UTF_8);
                for (String statement : SqlStatements.split(sql)) {
                    if (!statement.regionMatches(true, 0, "SHOW", 0, 4)) {
                        sessions.configure(session, statement);
                    }
                }
            }
        } finally {
            sessions.close(session);
        }
    }

    /** The statements every session runs first: {@code ADD JAR} of each SQL jar. */
    public List<String> sessionInit() {
        List<String> statements = new ArrayList<>();
        for (Path jar : sqlJars) {
            statements.add("ADD JAR '" + jar.toAbsolutePath().normalize() + "'");
        }
        return statements;
    }

    /** The JDBC URL of the gateway, e.g. {@code jdbc:flink://127.0.0.1:8083}. */
    public String jdbcUrl() {
        return "jdbc:flink://127.0.0.1:" + gatewayPort;
    }

    /**
     * The URL of the gateway for this project's notebook driver (module jdbc-driver), e.g. {@code
     * jdbc:flink-notebook://127.0.0.1:8083}.
     */
    public String notebookJdbcUrl() {
        return "jdbc:flink-notebook://127.0.0.1:" + gatewayPort;
    }

    /** The gateway's REST endpoint. */
    public URI gatewayRest() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    /** The session cluster's REST API ({@code /jobs/overview}, ...). */
    public URI clusterRest() {
        return URI.create("http://127.0.0.1:" + clusterPort);
    }

    public Path gatewayLog() {
        return workDir.resolve("sql-gateway.log");
    }

    public Path clusterLog() {
        return workDir.resolve("session-cluster.log");
    }

    /** The last lines of both logs, for failure messages. */
    public String logTails() {
        return ChildJvm.tail(gatewayLog()) + ChildJvm.tail(clusterLog());
    }

    @Override
    public void close() {
        processes.close();
    }

    private static Path confDir() {
        return ProjectPaths.projectRoot().resolve("sql-client-examples/gateway-conf");
    }
}
