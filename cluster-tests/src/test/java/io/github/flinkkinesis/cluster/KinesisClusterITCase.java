package io.github.flinkkinesis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkkinesis.testing.LocalServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connector on a real Flink standalone cluster ({@link FlinkCluster}: one JobManager, two
 * TaskManagers, each its own JVM), with the job submitted by the real SQL Client and the
 * connector's SQL jar shipped with {@code -j}, as users run it. The job ({@code
 * kinesis-to-kinesis.sql}) copies a kinesalite stream into another one, each output row carrying
 * the metadata columns of its input record, checkpointing every second, while a producer keeps
 * putting records with unique ids into the input.
 *
 * <ol>
 *   <li>{@link #taskManagerKilledMidJobRestoresFromItsCheckpointAndLosesNothing}: a TaskManager is
 *       killed with SIGKILL mid-job and a new one started; the job restores its latest checkpoint.
 *       Every input id reaches the output, the metadata columns equal GetRecords', and the
 *       duplicates (the sink is at-least-once) are only rows written after the restored checkpoint,
 *       far fewer than those written before the kill.
 *   <li>{@link #stopWithSavepointAndResumeWritesEveryRecordExactlyOnce}: the job is stopped with a
 *       savepoint and a new one resumes from it while the producer goes on: every record exactly
 *       once.
 * </ol>
 *
 * Each test prints its steps and figures (records in, rows out, duplicates, checkpoints) on stdout.
 * The cluster's logs stay in {@code target/flink-cluster-*}.
 */
@Timeout(300) // each test; the cluster is stopped after the class in any case
class KinesisClusterITCase {

    private static final Duration JOB_START = Duration.ofSeconds(120);
    private static final Duration DRAIN = Duration.ofSeconds(120);

    /** Up to 500 records/s (50 every 100 ms), at most 100,000 and 3 minutes whatever happens. */
    private static final Producer.Pace PACE =
            new Producer.Pace(50, Duration.ofMillis(100), 100_000, Duration.ofMinutes(3));

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    private static FlinkCluster cluster;
    private static FlinkRest rest;
    private static List<Path> jars;
    private static long started;

    @BeforeAll
    static void startCluster() throws Exception {
        started = System.nanoTime();
        Path jar = Path.of(System.getProperty("connector.sql.jar", "(unset)"));
        assertThat(jar)
                .as(
                        "the connector's SQL jar (system property connector.sql.jar); build it with"
                                + " 'mvn -pl cluster-tests -am package -DskipTests'")
                .isRegularFile();
        jars = List.of(jar);
        cluster = KinesisPipeline.cluster(KINESIS.endpoint()).start();
        rest = cluster.rest();
        step("started " + cluster);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void taskManagerKilledMidJobRestoresFromItsCheckpointAndLosesNothing() throws Exception {
        try (KinesisPipeline pipeline = KinesisPipeline.create(KINESIS.endpoint(), "failover", 2)) {
            String job = submit(pipeline, null);
            try (Producer producer = pipeline.produce(PACE)) {
                KinesisPipeline.Output output = pipeline.followOutput();
                Await.until(
                        "two completed checkpoints and 5000 rows in the output",
                        JOB_START,
                        () -> {
                            output.poll();
                            return completedCheckpoints(job) >= 2 && output.distinctIds() >= 5000;
                        });
                assertThat(rest.taskManagersOf(job))
                        .as("TaskManagers running the job (one source subtask each)")
                        .containsExactly("tm-1", "tm-2");

                // the kill follows a checkpoint closely, as the duplicates measure what was
                // written between the restored checkpoint and the kill
                long before = latestCompletedCheckpoint(job);
                Await.until(
                        "a checkpoint after " + before,
                        JOB_START,
                        () -> latestCompletedCheckpoint(job) > before);
                output.poll();
                int rowsBeforeKill = output.rows().size();
                long latestBeforeKill = latestCompletedCheckpoint(job);
                cluster.killTaskManager("tm-1");
                step("killed tm-1 (SIGKILL) with " + rowsBeforeKill + " rows in the output");
                cluster.startTaskManager("tm-3");
                step("tm-3 registered");

                JsonNode restored =
                        Await.value(
                                "the job to restore a checkpoint",
                                JOB_START,
                                () -> {
                                    output.poll();
                                    JsonNode r =
                                            rest.checkpoints(job).path("latest").path("restored");
                                    return r.isObject() ? Optional.of(r) : Optional.empty();
                                });
                long restoredId = restored.path("id").asLong();
                Instant restoredTriggered =
                        Instant.ofEpochMilli(
                                rest.checkpoint(job, restoredId)
                                        .path("trigger_timestamp")
                                        .asLong());
                step("restored checkpoint " + restoredId + ", triggered " + restoredTriggered);
                Await.until(
                        "the job running again, with a checkpoint after the restored one",
                        JOB_START,
                        () -> {
                            output.poll();
                            return rest.allTasksRunning(job)
                                    && latestCompletedCheckpoint(job) > restoredId
                                    && rest.numRestarts(job) >= 1;
                        });
                long restarts = rest.numRestarts(job);
                Set<String> runningOn = rest.taskManagersOf(job);
                JsonNode failures = failures(job);
                step("running again on " + runningOn);

                Ledger ledger = produceMoreThenDrain(pipeline, producer, output);
                // rows the test saw in the output before the restored checkpoint was triggered
                // were read before it: a restore from it must not write them again
                Set<Long> writtenBeforeCheckpoint =
                        output.rows().stream()
                                .filter(r -> r.seenAt().isBefore(restoredTriggered))
                                .map(OutputRow::id)
                                .collect(Collectors.toSet());
                Map<Long, Integer> duplicated = ledger.duplicated();
                Set<Long> rewrittenThoughCovered =
                        duplicated.keySet().stream()
                                .filter(writtenBeforeCheckpoint::contains)
                                .collect(Collectors.toSet());
                System.out.printf(
                        "CLUSTER FAILOVER: %s; %d rows out before the kill (latest completed"
                                + " checkpoint %d); restored checkpoint %d, %d rows out before it"
                                + " was triggered; numRestarts %d; first failure: %s;"
                                + " duplicated ids: %s%n",
                        ledger,
                        rowsBeforeKill,
                        latestBeforeKill,
                        restoredId,
                        writtenBeforeCheckpoint.size(),
                        restarts,
                        failures.path(0)
                                .path("stacktrace")
                                .asText("")
                                .lines()
                                .findFirst()
                                .orElse(""),
                        first(duplicated.keySet()));

                assertEveryRecordWithItsMetadata(ledger);
                assertThat(restored.path("is_savepoint").asBoolean())
                        .as("restored a checkpoint: %s", restored)
                        .isFalse();
                assertThat(restoredId)
                        .as("the restored checkpoint: the latest before the kill, or one just then")
                        .isGreaterThanOrEqualTo(latestBeforeKill);
                assertThat(restarts).as("numRestarts").isGreaterThanOrEqualTo(1);
                assertThat(failures).as("the job's failure history").isNotEmpty();
                // where the restarted tasks run is the scheduler's choice (and what REST lists per
                // TaskManager aggregates attempts): that they run, not on the killed one, is ours
                assertThat(runningOn)
                        .as("TaskManagers running the job after the recovery")
                        .isNotEmpty()
                        .doesNotContain("tm-1")
                        .isSubsetOf("tm-2", "tm-3");
                assertThat(writtenBeforeCheckpoint.size())
                        .as("rows covered by the restored checkpoint")
                        .isGreaterThanOrEqualTo(1000);
                assertThat(rewrittenThoughCovered)
                        .as(
                                "rows written again although the restored checkpoint covered them"
                                        + " (a restart from the start position would)")
                        .isEmpty();
                assertThat(ledger.duplicates())
                        .as("duplicates against the rows written before the kill")
                        .isLessThan(rowsBeforeKill / 4);
            } finally {
                cancelIfRunning(job);
            }
        }
    }

    @Test
    void stopWithSavepointAndResumeWritesEveryRecordExactlyOnce() throws Exception {
        try (KinesisPipeline pipeline =
                KinesisPipeline.create(KINESIS.endpoint(), "savepoint", 2)) {
            KinesisPipeline.Output output = pipeline.followOutput();
            String firstJob = submit(pipeline, null);
            try (Producer producer = pipeline.produce(PACE)) {
                String savepoint = stopWithSavepointAfterSomeRows(firstJob, output);
                resumeAndCheck(pipeline, producer, output, firstJob, savepoint);
            }
        }
    }

    /**
     * Waits for a completed checkpoint and 2000 rows in the output, then stops the job with a
     * savepoint and returns its path (the job is cancelled if this fails).
     */
    private static String stopWithSavepointAfterSomeRows(String job, KinesisPipeline.Output output)
            throws InterruptedException {
        try {
            Await.until(
                    "a completed checkpoint and 2000 rows in the output",
                    JOB_START,
                    () -> {
                        output.poll();
                        return completedCheckpoints(job) >= 1 && output.distinctIds() >= 2000;
                    });
            String savepoint = cluster.stopWithSavepoint(job, JOB_START);
            step("stopped with savepoint " + savepoint);
            return savepoint;
        } finally {
            cancelIfRunning(job);
        }
    }

    /**
     * Resumes the pipeline's job from {@code savepoint} while the producer goes on, and checks that
     * every record reached the output exactly once.
     */
    private static void resumeAndCheck(
            KinesisPipeline pipeline,
            Producer producer,
            KinesisPipeline.Output output,
            String firstJob,
            String savepoint)
            throws Exception {
        output.poll();
        int rowsAtStop = output.rows().size();
        long putAtStop = producer.count();
        JsonNode firstFailures = failures(firstJob);

        // the producer goes on while no job runs and while the new one starts
        String second = submit(pipeline, savepoint);
        try {
            JsonNode restored = rest.checkpoints(second).path("latest").path("restored");
            Ledger ledger = produceMoreThenDrain(pipeline, producer, output);
            JsonNode secondFailures = failures(second);
            System.out.printf(
                    "CLUSTER SAVEPOINT: %s; %d records put and %d rows out at the stop with"
                            + " savepoint %s; the new job restored %s; failures %d and %d;"
                            + " duplicated ids: %s%n",
                    ledger,
                    putAtStop,
                    rowsAtStop,
                    savepoint,
                    restored,
                    firstFailures.size(),
                    secondFailures.size(),
                    first(ledger.duplicated().keySet()));

            assertEveryRecordWithItsMetadata(ledger);
            assertThat(restored.path("is_savepoint").asBoolean())
                    .as("the new job restored the savepoint: %s", restored)
                    .isTrue();
            assertThat(restored.path("external_path").asText())
                    .as("the savepoint restored")
                    .endsWith(savepoint.substring(savepoint.lastIndexOf('/')));
            assertThat(firstFailures.size() + secondFailures.size())
                    .as(
                            "failures (a restart could duplicate rows): %s %s",
                            firstFailures, secondFailures)
                    .isZero();
            assertThat(ledger.duplicates()).as("duplicates (ids above)").isZero();
        } finally {
            cancelIfRunning(second);
        }
    }

    /** Submits the pipeline's job (from {@code savepoint} if not null), and waits until it runs. */
    private static String submit(KinesisPipeline pipeline, String savepoint) throws Exception {
        String job = cluster.submit(pipeline.sql(cluster.workDir(), savepoint), jars);
        step("submitted job " + job + (savepoint == null ? "" : " from the savepoint"));
        rest.awaitAllTasksRunning(job, JOB_START);
        step("all tasks of " + job + " running on " + rest.taskManagersOf(job));
        return job;
    }

    /**
     * Lets 1000 more rows reach the output, stops the producer, waits until every id it put is in
     * the output, and returns the account of the run: the input read back with GetRecords against
     * every output row.
     */
    private static Ledger produceMoreThenDrain(
            KinesisPipeline pipeline, Producer producer, KinesisPipeline.Output output)
            throws InterruptedException {
        int rows = output.rows().size();
        Await.until(
                "1000 more rows in the output",
                JOB_START,
                () -> {
                    output.poll();
                    return output.rows().size() >= rows + 1000;
                });
        long put = producer.stop();
        step("stopped the producer after " + put + " records");
        boolean complete = output.awaitIds(put, DRAIN);
        step(complete ? "every id is in the output" : "ids missing from the output");
        return new Ledger(put, pipeline.in(), pipeline.readInput(), output.rows());
    }

    /**
     * (a) and (b): the input holds what the producer put, every id of it reached the output and
     * nothing else did, and every output row carries its input record's metadata.
     */
    private static void assertEveryRecordWithItsMetadata(Ledger ledger) {
        assertThat(ledger.inputProblems()).as("the input stream").isEmpty();
        assertThat(ledger.lost().size()).as("ids lost: %s", first(ledger.lost())).isZero();
        assertThat(ledger.unexpected()).as("ids never put").isEmpty();
        assertThat(ledger.metadataMismatches()).as("metadata columns against GetRecords").isEmpty();
    }

    /** Prints a step of the test with the seconds since the cluster started. */
    private static void step(String what) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    /** The job's failure history (REST {@code /jobs/<id>/exceptions}), also once it ended. */
    private static JsonNode failures(String job) {
        return rest.exceptions(job).path("exceptionHistory").path("entries");
    }

    private static long completedCheckpoints(String job) {
        return rest.checkpoints(job).path("counts").path("completed").asLong();
    }

    private static long latestCompletedCheckpoint(String job) {
        return rest.checkpoints(job).path("latest").path("completed").path("id").asLong(-1);
    }

    private static void cancelIfRunning(String job) {
        try {
            if (!Set.of("FINISHED", "CANCELED", "FAILED").contains(rest.jobState(job))) {
                rest.cancel(job);
            }
        } catch (Exception e) {
            System.out.println("Could not cancel job " + job + ": " + e);
        }
    }

    private static String first(Collection<Long> ids) {
        return ids.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "))
                + (ids.size() > 20 ? ", ... (" + ids.size() + ")" : "");
    }
}
