package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.RestMetrics;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestStreams.ShardRecord;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Push-downs on kinesalite, with rows: each query returns exactly the rows that GetRecords says
 * match, and the source operator sent fewer records downstream than the stream holds ({@code
 * write-records} of the source vertex on the REST API; operator chaining is off, so that the source
 * is a vertex of its own and its count is taken before the filter the planner keeps).
 */
class KinesisSourcePushDownITCase {

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite().withRestMetrics();

    /** The source vertex, named by the connector on Flink 2.x and by the table on 1.20. */
    private static final String SOURCE_VERTEX = "Source: ";

    private final TestStreams streams = ENV.streams();
    private StreamTableEnvironment tableEnv;

    @BeforeEach
    void createTableEnvironment() {
        tableEnv = ENV.tableEnv(2);
        tableEnv.getConfig().set("pipeline.operator-chaining.enabled", "false");
    }

    private void putJson(String stream, int from, int to) {
        List<Integer> ids = IntStream.range(from, to).boxed().collect(Collectors.toList());
        streams.put(
                stream,
                ids.stream().map(i -> "key-" + i).collect(Collectors.toList()),
                TestStreams.utf8(
                        ids.stream().map(i -> "{\"id\":" + i + "}").collect(Collectors.toList())));
    }

    private void createTable(String stream) {
        tableEnv.executeSql(
                ENV.ddl(
                        "events (id INT,"
                                + " arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,"
                                + " shard STRING METADATA FROM 'shard-id' VIRTUAL)",
                        TestTables.boundedRead(stream, "json")
                                .with("source.shard.get-records.max-record-count", "10")));
    }

    /** The rows of a bounded query, and how many records the source sent on. */
    private QueryRun run(String query) throws Exception {
        TableResult result = tableEnv.executeSql(query);
        JobClient job = result.getJobClient().orElseThrow();
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(rows::add);
        }
        job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        long sent =
                new RestMetrics(ENV.restEndpoint())
                        .recordsWritten(job.getJobID().toString(), SOURCE_VERTEX);
        return new QueryRun(rows, sent);
    }

    private record QueryRun(List<Row> rows, long sourceRecordsOut) {
        List<Integer> ids() {
            return rows.stream().map(r -> (Integer) r.getField(0)).collect(Collectors.toList());
        }
    }

    private static int id(ShardRecord r) {
        String data = r.data();
        return Integer.parseInt(data.substring(data.indexOf(':') + 1, data.indexOf('}')));
    }

    private static Instant arrival(ShardRecord r) {
        return r.record().approximateArrivalTimestamp().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void anArrivalWindowIsReadFromItsStartAndStopsAtItsEnd() throws Exception {
        String stream = ENV.newStream(2);
        putJson(stream, 0, 40);
        TestStreams.sleep(150);
        putJson(stream, 40, 80);
        TestStreams.sleep(150);
        putJson(stream, 80, 120);
        List<ShardRecord> all = streams.readAll(stream);
        assertThat(all).hasSize(120);
        // the window: from the first record of the second batch to the first of the third, by
        // the arrival times Kinesis reports
        Instant from = all.stream().filter(r -> id(r) == 40).map(t -> arrival(t)).findAny().get();
        Instant until = all.stream().filter(r -> id(r) == 80).map(t -> arrival(t)).findAny().get();
        List<Integer> expected =
                all.stream()
                        .filter(r -> !arrival(r).isBefore(from) && arrival(r).isBefore(until))
                        .map(KinesisSourcePushDownITCase::id)
                        .collect(Collectors.toList());
        assertThat(expected).contains(40).doesNotContain(0, 80);
        createTable(stream);

        QueryRun run =
                run(
                        "SELECT id, arrival FROM events WHERE arrival >= TO_TIMESTAMP_LTZ("
                                + from.toEpochMilli()
                                + ", 3) AND arrival < TO_TIMESTAMP_LTZ("
                                + until.toEpochMilli()
                                + ", 3)");

        assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(run.sourceRecordsOut())
                .as("records the source emitted: only those of the window")
                .isEqualTo(expected.size());
    }

    @Test
    void aShardFilterReadsOnlyThatShard() throws Exception {
        String stream = ENV.newStream(2);
        putJson(stream, 0, 100);
        List<ShardRecord> all = streams.readAll(stream);
        Map<String, List<Integer>> idsByShard =
                all.stream()
                        .collect(
                                Collectors.groupingBy(
                                        ShardRecord::shardId,
                                        Collectors.mapping(
                                                KinesisSourcePushDownITCase::id,
                                                Collectors.toList())));
        assertThat(idsByShard).hasSize(2);
        String shard = idsByShard.keySet().iterator().next();
        createTable(stream);

        QueryRun run = run("SELECT id, shard FROM events WHERE shard = '" + shard + "'");

        assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(idsByShard.get(shard));
        assertThat(run.rows()).allMatch(r -> shard.equals(r.getField(1)));
        assertThat(run.sourceRecordsOut()).isEqualTo(idsByShard.get(shard).size());
    }

    @Test
    void aLimitStopsTheReadersEarly() throws Exception {
        String stream = ENV.newStream(2);
        putJson(stream, 0, 400);
        List<Integer> putIds = streams.readAll(stream).stream().map(r -> id(r)).toList();
        assertThat(putIds).hasSize(400);
        createTable(stream);

        QueryRun run = run("SELECT id FROM events LIMIT 5");

        assertThat(run.ids()).hasSize(5).doesNotHaveDuplicates().isSubsetOf(putIds);
        assertThat(run.sourceRecordsOut())
                .as("records the source emitted, at least the limit, far fewer than the stream's")
                .isBetween(5L, 200L);
    }
}
