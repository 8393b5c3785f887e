package io.github.flinkkinesis.examples;

import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sql-client-examples/gateway.sh}: the SQL Gateway for notebooks and BI tools against local
 * servers. Starts kinesalite and moto, creates the demo stream, starts the gateway ({@link
 * SqlGatewayRun}) with the Glue catalog and the demo's {@code demo.events} table in it, prints the
 * JDBC URL and the statements each session runs first, and runs until Ctrl-C, then stops everything
 * it started.
 */
public final class GatewayDemo {

    private GatewayDemo() {}

    public static void main(String[] args) throws Exception {
        Path workDir = Files.createTempDirectory("flink-kinesis-gateway-");
        LocalServer kinesis = LocalServer.start(ServerKind.KINESALITE);
        LocalServer glue = LocalServer.start(ServerKind.MOTO);
        try (DemoStreams streams = new DemoStreams(kinesis.endpoint())) {
            streams.createStream(Demo.STREAM, 2);
        }
        Map<String, String> variables =
                Map.of(
                        "${KINESIS_ENDPOINT}", kinesis.endpoint().toString(),
                        "${GLUE_ENDPOINT}", glue.endpoint().toString());
        List<Path> init =
                List.of(
                        Demo.render(Demo.INIT_SCRIPT, variables, workDir),
                        Demo.render("01-create-tables.sql", variables, workDir));
        SqlGatewayRun gateway = SqlGatewayRun.start(Demo.sqlJars(), init, workDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    gateway.close();
                                    glue.close();
                                    kinesis.close();
                                    stopped.countDown();
                                },
                                "stop-gateway-demo"));
        System.out.println(
                "Local Kinesis: " + kinesis.endpoint() + ", local Glue: " + glue.endpoint());
        System.out.println("Flink SQL Gateway: " + gateway.gatewayRest());
        System.out.println("JDBC URL:          " + gateway.jdbcUrl());
        System.out.println(
                "Notebook JDBC URL: "
                        + gateway.notebookJdbcUrl()
                        + " (driver io.github.flinkkinesis.jdbc.FlinkNotebookDriver,"
                        + " jar jdbc-driver/target/flink-kinesis-jdbc-driver-*.jar)");
        System.out.println("Session cluster:   " + gateway.clusterRest());
        System.out.println(
                "Run first in every session (Zeppelin default.precode, DBeaver bootstrap");
        System.out.println("queries, a notebook's first cell):");
        gateway.sessionInit().forEach(s -> System.out.println("  " + s + ";"));
        System.out.println("Then, e.g.:");
        System.out.println(
                "  SELECT * FROM glue.demo.events /*+ OPTIONS('source.init.position' ="
                        + " 'TRIM_HORIZON', 'source.stop.position' = 'LATEST') */;");
        System.out.println("Logs: " + gateway.gatewayLog() + ", " + gateway.clusterLog());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
