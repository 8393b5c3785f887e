package io.github.flinkkinesis.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.ServerKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The cluster test's set-up, by hand ({@code cluster-tests/run-cluster.sh}): kinesalite, a Flink
 * standalone cluster of one JobManager and two TaskManagers ({@link FlinkCluster}), the streams
 * {@code hand-in} and {@code hand-out}, a producer putting 50 records per second into {@code
 * hand-in}, and the cluster test's Kinesis to Kinesis job submitted through the SQL Client. Then it
 * reads commands from stdin ({@code help} lists them): kill a TaskManager, start one, stop with a
 * savepoint and resume, show the job's state. {@code quit}, end of input or Ctrl-C stop every
 * process it started.
 */
public final class RunCluster {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private RunCluster() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("connector.sql.jar", "(unset)"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "The connector's SQL jar "
                            + jar
                            + " (system property connector.sql.jar) is missing");
        }
        List<Path> jars = List.of(jar);
        try (LocalServer kinesis = LocalServer.start(ServerKind.KINESALITE);
                FlinkCluster cluster = KinesisPipeline.cluster(kinesis.endpoint()).start();
                KinesisPipeline pipeline = KinesisPipeline.create(kinesis.endpoint(), "hand", 2);
                Producer producer =
                        pipeline.produce(
                                new Producer.Pace(
                                        10,
                                        Duration.ofMillis(200),
                                        1_000_000,
                                        Duration.ofHours(8)))) {
            System.out.println("Kinesis (kinesalite): " + kinesis.endpoint());
            System.out.println("Flink REST API:       " + cluster.rest().uri());
            System.out.println("Flink version:        " + cluster.rest().flinkVersion());
            System.out.println("Processes:            " + cluster.pids());
            System.out.println("Work folder (logs):   " + cluster.workDir());
            Path sql = pipeline.sql(cluster.workDir(), null);
            String job = cluster.submit(sql, jars);
            System.out.println("Submitted " + sql + " as job " + job);
            cluster.rest().awaitAllTasksRunning(job, TIMEOUT);
            System.out.println("The job's tasks run on " + cluster.rest().taskManagersOf(job));
            System.out.println(
                    "An interactive SQL Client against this cluster:\n"
                            + "  FLINK_CONF_DIR="
                            + cluster.clientConfDir()
                            + " java -Daws.cborEnabled=false -cp \"$(cat "
                            + clientClasspathFile()
                            + ")\""
                            + " org.apache.flink.table.client.SqlClient embedded -j "
                            + jar.toAbsolutePath());
            KinesisPipeline.Output output = pipeline.followOutput();
            help();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = prompt(in)) != null; ) {
                String[] words = line.trim().split("\\s+");
                try {
                    switch (words[0]) {
                        case "" -> {}
                        case "status" -> status(cluster, job, producer, output);
                        case "kill" -> {
                            cluster.killTaskManager(words[1]);
                            System.out.println("killed " + words[1] + " with SIGKILL");
                        }
                        case "start" -> {
                            cluster.startTaskManager(words[1]);
                            System.out.println(words[1] + " registered");
                        }
                        case "savepoint" -> {
                            String savepoint = cluster.stopWithSavepoint(job, TIMEOUT);
                            System.out.println("stopped " + job + " with savepoint " + savepoint);
                            job = cluster.submit(pipeline.sql(cluster.workDir(), savepoint), jars);
                            cluster.rest().awaitAllTasksRunning(job, TIMEOUT);
                            System.out.println("resumed from it as job " + job + ", running");
                        }
                        case "quit", "exit" -> {
                            return;
                        }
                        default -> help();
                    }
                } catch (IOException | RuntimeException e) {
                    System.out.println("failed: " + e.getMessage());
                }
            }
        }
    }

    private static String prompt(BufferedReader in) throws IOException {
        System.out.print("cluster> ");
        System.out.flush();
        return in.readLine();
    }

    private static void help() {
        System.out.println(
                "Commands: status | kill tm-N (SIGKILL) | start tm-N | savepoint (stop with a"
                        + " savepoint and resume) | quit");
    }

    private static void status(
            FlinkCluster cluster, String job, Producer producer, KinesisPipeline.Output output) {
        FlinkRest rest = cluster.rest();
        output.poll();
        JsonNode checkpoints = rest.checkpoints(job);
        System.out.println("job " + job + ": " + rest.jobState(job));
        System.out.println("  TaskManagers registered: " + rest.taskManagers());
        System.out.println("  running its tasks:       " + rest.taskManagersOf(job));
        System.out.println("  numRestarts:             " + rest.numRestarts(job));
        System.out.println(
                "  checkpoints completed:   "
                        + checkpoints.path("counts").path("completed").asLong()
                        + ", latest "
                        + checkpoints.path("latest").path("completed").path("id").asText("-")
                        + ", restored "
                        + checkpoints.path("latest").path("restored"));
        System.out.println(
                "  records put: "
                        + producer.count()
                        + ", rows out: "
                        + output.rows().size()
                        + " ("
                        + output.distinctIds()
                        + " distinct ids)");
    }

    /** The SQL Client's class path file, written by the build next to the cluster's (per line). */
    private static Path clientClasspathFile() {
        return Path.of(System.getProperty("cluster.classpath.file", "target/cluster-classpath.txt"))
                .toAbsolutePath()
                .resolveSibling("test-classpath.txt");
    }
}
