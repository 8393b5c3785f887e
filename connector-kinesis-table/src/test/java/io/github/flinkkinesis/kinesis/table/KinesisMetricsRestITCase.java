package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.sink.KinesisSinkMetrics;
import io.github.flinkkinesis.kinesis.source.KinesisSource;
import io.github.flinkkinesis.kinesis.source.reader.PollingMetrics;
import io.github.flinkkinesis.kinesis.source.reader.PollingSplitReader;
import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.RestMetrics;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestStreams.ShardRecord;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The connector's metrics as a user sees them on a running job: a SQL job reads a kinesalite stream
 * of two shards and writes every row to another stream, on a MiniCluster whose REST API the test
 * reads over HTTP with the web UI's requests ({@link RestMetrics}). The values are compared with
 * what Kinesis reports: records per shard as GetRecords returns them, shards as ListShards lists
 * them.
 *
 * <p>Throttling cannot be provoked on kinesalite (it never throttles), so here {@code
 * kinesis.callsThrottled} is only shown registered (and 0); {@code PollingSplitReaderTest} proves
 * that it counts throttled calls.
 */
class KinesisMetricsRestITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisMetricsRestITCase.class);

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite().withRestMetrics();

    /** The connector's metric group under the source operator, with the dot that follows it. */
    private static final String KINESIS = KinesisSource.METRIC_GROUP + ".";

    private static final int RECORDS = 120;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aRunningJobShowsTheConnectorsMetricsUnderTheirDocumentedNames() throws Exception {
        String input = ENV.newStream(2);
        String output = ENV.newStream(1);
        List<String> keys = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            keys.add("key-" + i);
            payloads.add("{\"id\": " + i + "}");
        }
        ENV.streams().put(input, keys, TestStreams.utf8(payloads));
        Map<String, Long> putPerShard = recordsPerShard(ENV.streams().readAll(input));
        Set<String> shards =
                ENV.streams().shards(input).stream()
                        .map(Shard::shardId)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(putPerShard.keySet()).isSubsetOf(shards);
        assertThat(putPerShard.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(RECORDS);

        StreamTableEnvironment tEnv = ENV.tableEnv(2);
        tEnv.executeSql(
                ENV.ddl(
                        "src (id INT, shard STRING METADATA FROM 'shard-id' VIRTUAL)",
                        TestTables.unboundedRead(input, "json")));
        tEnv.executeSql(
                ENV.ddl(
                        "dst (id INT, shard STRING)",
                        TestTables.options(output, "json")
                                .with("sink.flush-buffer.timeout", "200 ms")));
        JobClient job =
                tEnv.executeSql("INSERT INTO dst SELECT id, shard FROM src")
                        .getJobClient()
                        .orElseThrow();
        try {
            JobMetrics metrics =
                    new JobMetrics(new RestMetrics(ENV.restEndpoint()), job.getJobID().toString());
            checkSourceMetrics(metrics, shards, putPerShard);
            checkSinkMetrics(metrics);
            await(
                    RECORDS + " records in the output stream",
                    metrics,
                    () -> ENV.streams().readAll(output).size() >= RECORDS);
            assertThat(recordsPerShardField(ENV.streams().readAll(output)))
                    .as("rows written, per shard they were read from")
                    .isEqualTo(putPerShard);
            assertThat(metrics.sourceRecordsIn())
                    .as("numRecordsIn once everything was written: no record read twice")
                    .isEqualTo(RECORDS);
            LOG.info("Metrics of job {} on the REST API: {}", job.getJobID(), metrics);
        } finally {
            cancelAndWait(job);
        }
    }

    /** Cancels the job and waits until it ended, so that no task reads a deleted stream. */
    private static void cancelAndWait(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job.getJobID() + " not cancelled in " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Records read per subtask and in all, a millisBehindLatest gauge per shard of ListShards on
     * the subtask that reads it, the reader-wide counters registered.
     */
    private static void checkSourceMetrics(
            JobMetrics metrics, Set<String> shards, Map<String, Long> putPerShard)
            throws InterruptedException {
        await(
                "numRecordsIn of the source = " + RECORDS,
                metrics,
                () -> metrics.sourceRecordsIn() >= RECORDS);
        assertThat(metrics.sourceRecordsIn()).isEqualTo(RECORDS);

        await(
                "a millisBehindLatest gauge >= 0 per shard",
                metrics,
                () -> {
                    Map<String, ShardGauge> gauges = metrics.shardGauges();
                    return gauges.keySet().equals(shards)
                            && gauges.values().stream().allMatch(g -> g.value() >= 0);
                });
        Map<String, ShardGauge> gauges = metrics.shardGauges();
        assertThat(gauges).containsOnlyKeys(shards);
        Map<Integer, Long> expectedPerSubtask = new TreeMap<>();
        for (ShardGauge gauge : gauges.values()) {
            assertThat(gauge.value())
                    .as("millisBehindLatest of %s", gauge)
                    .isGreaterThanOrEqualTo(0);
            expectedPerSubtask.merge(
                    gauge.subtask(), putPerShard.getOrDefault(gauge.shardId(), 0L), Long::sum);
        }
        for (Map.Entry<Integer, Long> subtask : expectedPerSubtask.entrySet()) {
            assertThat(metrics.sourceMetric(subtask.getKey(), "numRecordsIn"))
                    .as("numRecordsIn of subtask %s = records of its shards", subtask.getKey())
                    .isEqualTo(String.valueOf(subtask.getValue()));
        }
        for (int subtask : metrics.sourceSubtasks()) {
            assertThat(metrics.sourceMetric(subtask, KINESIS + PollingMetrics.CALLS_THROTTLED))
                    .as("kinesalite never throttles")
                    .isEqualTo("0");
            assertThat(
                            metrics.sourceMetric(
                                    subtask, KINESIS + PollingSplitReader.SHARDS_NOT_FOUND_METRIC))
                    .isEqualTo("0");
        }
    }

    /** Records sent, retries and throttles of the sink writer. */
    private static void checkSinkMetrics(JobMetrics metrics) throws InterruptedException {
        await(
                "numRecordsSend of the sink = " + RECORDS,
                metrics,
                () -> metrics.sinkSum("numRecordsSend") >= RECORDS);
        assertThat(metrics.sinkSum("numRecordsSend")).isEqualTo(RECORDS);
        assertThat(metrics.sinkSum(KinesisSinkMetrics.RETRIED)).isZero();
        assertThat(metrics.sinkSum(KinesisSinkMetrics.THROTTLED)).isZero();
        assertThat(metrics.sinkSum("numRecordsSendErrors")).isZero();
        assertThat(metrics.sinkSum(KinesisSinkMetrics.LATENCY)).isGreaterThanOrEqualTo(0);
    }

    private static void await(String what, JobMetrics metrics, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Not within " + TIMEOUT + ": " + what + "; the job's metrics: " + metrics);
            }
            Thread.sleep(KinesisTestEnvironment.METRICS_FETCH_INTERVAL_MILLIS);
        }
    }

    private static Map<String, Long> recordsPerShard(List<ShardRecord> records) {
        return records.stream()
                .collect(
                        Collectors.groupingBy(
                                ShardRecord::shardId, TreeMap::new, Collectors.counting()));
    }

    /** Output records counted by the shard id they carry in their {@code shard} field. */
    private static Map<String, Long> recordsPerShardField(List<ShardRecord> records)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> counts = new TreeMap<>();
        for (ShardRecord record : records) {
            counts.merge(json.readTree(record.data()).path("shard").asText(), 1L, Long::sum);
        }
        return counts;
    }

    /** A shard's millisBehindLatest gauge and the source subtask that reports it. */
    private record ShardGauge(String shardId, int subtask, long value) {}

    /**
     * The metrics of one job, found by their names: the source operator is the one with a {@code
     * kinesis.callsThrottled} counter, the sink writer the one with {@code numRecordsThrottled}.
     */
    private static final class JobMetrics {
        private static final Pattern ID = Pattern.compile("(\\d+)\\.(.+)");

        private final RestMetrics rest;
        private final String jobId;

        JobMetrics(RestMetrics rest, String jobId) {
            this.rest = rest;
            this.jobId = jobId;
        }

        /** Every metric id of the job, with the vertex it belongs to. */
        Map<String, String> idsToVertex() {
            Map<String, String> ids = new TreeMap<>();
            for (String vertex : rest.vertexIds(jobId)) {
                for (String id : rest.metricIds(jobId, vertex)) {
                    ids.put(id, vertex);
                }
            }
            return ids;
        }

        /** (vertex, operator) of the operator that registers {@code suffix}, or null. */
        private String[] operatorWith(String suffix) {
            for (Map.Entry<String, String> id : idsToVertex().entrySet()) {
                Matcher m = ID.matcher(id.getKey());
                if (m.matches() && m.group(2).endsWith("." + suffix)) {
                    String operator =
                            m.group(2).substring(0, m.group(2).length() - suffix.length() - 1);
                    return new String[] {id.getValue(), operator};
                }
            }
            return null;
        }

        private String[] source() {
            return operatorWith(KINESIS + PollingMetrics.CALLS_THROTTLED);
        }

        long sourceRecordsIn() {
            String[] source = source();
            return source == null
                    ? -1
                    : (long) rest.sumOverSubtasks(jobId, source[0], source[1] + ".numRecordsIn");
        }

        double sinkSum(String name) {
            String[] sink = operatorWith(KinesisSinkMetrics.THROTTLED);
            return sink == null ? -1 : rest.sumOverSubtasks(jobId, sink[0], sink[1] + "." + name);
        }

        /** The subtasks of the source that report metrics. */
        Set<Integer> sourceSubtasks() {
            String[] source = source();
            Set<Integer> subtasks = new TreeSet<>();
            String suffix = "." + source[1] + "." + KINESIS + PollingMetrics.CALLS_THROTTLED;
            for (String id : rest.metricIds(jobId, source[0])) {
                if (id.endsWith(suffix)) {
                    subtasks.add(Integer.parseInt(id.substring(0, id.indexOf('.'))));
                }
            }
            return subtasks;
        }

        /** The value of the source operator's metric {@code name} on one subtask. */
        String sourceMetric(int subtask, String name) {
            String[] source = source();
            String id = subtask + "." + source[1] + "." + name;
            return rest.values(jobId, source[0], List.of(id)).get(id);
        }

        /** The millisBehindLatest gauges of the source, by shard id. */
        Map<String, ShardGauge> shardGauges() {
            String[] source = source();
            Map<String, ShardGauge> gauges = new HashMap<>();
            if (source == null) {
                return gauges;
            }
            Pattern gauge =
                    Pattern.compile(
                            "(\\d+)\\."
                                    + Pattern.quote(source[1])
                                    + "\\."
                                    + Pattern.quote(KINESIS + PollingMetrics.SHARD_ID_GROUP)
                                    + "\\.(.+)\\."
                                    + PollingMetrics.MILLIS_BEHIND_LATEST);
            List<String> ids = new ArrayList<>();
            for (String id : rest.metricIds(jobId, source[0])) {
                if (gauge.matcher(id).matches()) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                return gauges;
            }
            for (Map.Entry<String, String> value : rest.values(jobId, source[0], ids).entrySet()) {
                Matcher m = gauge.matcher(value.getKey());
                if (m.matches()) {
                    String shard = m.group(2);
                    assertThat(gauges).as("one gauge per shard").doesNotContainKey(shard);
                    gauges.put(
                            shard,
                            new ShardGauge(
                                    shard,
                                    Integer.parseInt(m.group(1)),
                                    Long.parseLong(value.getValue())));
                }
            }
            return gauges;
        }

        @Override
        public String toString() {
            try {
                return idsToVertex().keySet().toString();
            } catch (RuntimeException e) {
                return "(not readable: " + e + ")";
            }
        }
    }
}
