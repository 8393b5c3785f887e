package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.testutil.FailOnce;
import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tables of several streams, through SQL on a MiniCluster against kinesalite: a list in {@code
 * stream.arn} and a {@code stream-pattern}. Every row is compared with what GetRecords returns for
 * each stream (stream, shard, sequence number, partition key, data), across a failover, for a
 * stream created while the job runs, and after a stream the pattern found is deleted.
 */
class KinesisMultiStreamITCase {

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();

    private static final String COLUMNS =
            "(id STRING,"
                    + " stream_name STRING METADATA FROM 'stream' VIRTUAL,"
                    + " shard STRING METADATA FROM 'shard-id' VIRTUAL,"
                    + " seq STRING METADATA FROM 'sequence-number' VIRTUAL,"
                    + " pk STRING METADATA FROM 'partition-key' VIRTUAL)";

    @Test
    void aListOfStreamsReadsAsOneTableWhoseStreamColumnSaysWhereEachRowCameFrom() throws Exception {
        String a = ENV.newStream(2);
        String b = ENV.newStream(1);
        String c = ENV.newStream(3);
        put(a, 40);
        put(b, 25);
        put(c, 60);
        TableEnvironment tableEnv = ENV.tableEnv(2);
        tableEnv.executeSql(
                ENV.ddl("events " + COLUMNS, TestTables.boundedRead(a + ";" + b + ";" + c, "raw")));

        List<Row> rows = TestTables.collect(tableEnv, "SELECT * FROM events");

        assertThat(rowKeys(rows))
                .as("every record of the three streams once, as GetRecords has it")
                .hasSize(125)
                .containsExactlyInAnyOrderElementsOf(recordKeys(a, b, c));
    }

    @Test
    void aFailedJobRestoresEveryShardOfEveryStreamAfterItsLastCheckpointedRecord()
            throws Exception {
        String a = ENV.newStream(2);
        String b = ENV.newStream(2);
        put(a, 600);
        put(b, 600);
        StreamExecutionEnvironment env = FailOnce.restartingFromCheckpoints(ENV.streamEnv(2));
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        tableEnv.executeSql(
                ENV.ddl(
                        "events " + COLUMNS,
                        TestTables.boundedRead(a + ";" + b, "raw")
                                .with("source.shard.get-records.max-record-count", "25")));
        FailOnce<Row> failure = FailOnce.<Row>afterACheckpoint().coveringAtLeast(20).thenAfter(10);
        DataStream<String> keys =
                tableEnv.toDataStream(
                                tableEnv.sqlQuery(
                                        "SELECT stream_name, shard, seq, pk, id FROM events"))
                        .filter(failure)
                        .map(KinesisMultiStreamITCase::key)
                        .returns(Types.STRING);

        List<String> received = new ArrayList<>();
        try (CloseableIterator<String> it = keys.executeAndCollect()) {
            it.forEachRemaining(received::add);
        }

        assertThat(failure.failed()).as("the job failed once mid-stream").isTrue();
        assertThat(received)
                .as("every record of both streams exactly once")
                .containsExactlyInAnyOrderElementsOf(recordKeys(a, b));
        assertThat(failure.records() - received.size())
                .as("records read again after the restore")
                .isLessThan(failure.recordsAtFailure());
    }

    @Test
    void aPatternReadsMatchingStreamsIncludingOnesCreatedLaterAndOutlivesADeletedOne()
            throws Exception {
        String prefix = TestStreams.uniqueName("pattern");
        String first = create(prefix + "-first", 2);
        String doomed = create(prefix + "-doomed", 1);
        String other = create(TestStreams.uniqueName("other"), 1);
        put(first, 20);
        put(doomed, 10);
        put(other, 10);

        TableEnvironment tableEnv = ENV.tableEnv(2);
        Map<String, String> options = TestTables.unboundedRead(first, "raw");
        options.remove("stream.arn");
        options.put("stream-pattern", Pattern.quote(prefix) + "-.*");
        options.put("source.shard.discovery.interval", "500 ms");
        tableEnv.executeSql(ENV.ddl("events " + COLUMNS, options));

        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        TableResult result =
                tableEnv.executeSql("SELECT stream_name, shard, seq, pk, id FROM events");
        Thread reader =
                new Thread(
                        () -> {
                            try (CloseableIterator<Row> it = result.collect()) {
                                it.forEachRemaining(row -> seen.add(key(row)));
                            } catch (Exception e) {
                                // the job is cancelled at the end of the test
                            }
                        });
        reader.start();
        try {
            awaitSeen(seen, recordKeys(first, doomed));

            // a stream created while the job runs is read from its oldest record
            String later = create(prefix + "-later", 2);
            put(later, 30);
            awaitSeen(seen, recordKeys(first, doomed, later));

            // a deleted stream ends; the others go on
            List<String> doomedRecords = recordKeys(doomed);
            ENV.streams().client().deleteStream(r -> r.streamName(doomed));
            TestStreams.sleep(1500);
            put(first, 15);
            put(later, 15);
            awaitSeen(seen, union(recordKeys(first, later), doomedRecords));
            assertThat(result.getJobClient().orElseThrow().getJobStatus().get())
                    .as("the job outlives the deleted stream")
                    .hasToString("RUNNING");

            Set<String> streams =
                    seen.stream().map(k -> k.split("\\|")[0]).collect(Collectors.toSet());
            assertThat(streams)
                    .as("only streams matching the pattern")
                    .containsExactlyInAnyOrder(first, doomed, later)
                    .doesNotContain(other);
            assertThat(seen).as("no record twice").doesNotHaveDuplicates();
        } finally {
            result.getJobClient().orElseThrow().cancel().get();
            reader.join(10_000);
        }
    }

    @Test
    void aTableOfSeveralStreamsCannotBeWrittenAndSaysWhatToDo() {
        String a = ENV.newStream(1);
        String b = ENV.newStream(1);
        TableEnvironment tableEnv = ENV.tableEnv(1);
        tableEnv.executeSql(ENV.ddl("events (id STRING)", TestTables.options(a + ";" + b, "raw")));

        assertThatThrownBy(() -> tableEnv.executeSql("INSERT INTO events VALUES ('x')").await())
                .rootCause()
                .hasMessageContaining("Option 'stream.arn' lists 2 streams")
                .hasMessageContaining("can only be read")
                .hasMessageContaining("names one stream");
        assertThat(ENV.streams().readAll(a)).isEmpty();
        assertThat(ENV.streams().readAll(b)).isEmpty();
    }

    private static String create(String name, int shards) {
        return ENV.streams().createStream(name, shards);
    }

    /** Puts {@code count} records with distinct keys and payloads into {@code stream}. */
    private static void put(String stream, int count) {
        List<String> keys = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        String tag = TestStreams.uniqueName("r");
        IntStream.range(0, count)
                .forEach(
                        i -> {
                            keys.add("k" + i);
                            payloads.add(stream + "#" + tag + "#" + i);
                        });
        ENV.streams().put(stream, keys, TestStreams.utf8(payloads));
    }

    /**
     * stream|shard|sequence number|partition key|data of rows (stream_name, shard, seq, pk, id).
     */
    private static String key(Row row) {
        return row.getField(0)
                + "|"
                + row.getField(1)
                + "|"
                + row.getField(2)
                + "|"
                + row.getField(3)
                + "|"
                + row.getField(4);
    }

    private static List<String> rowKeys(List<Row> rows) {
        List<String> keys = new ArrayList<>();
        for (Row row : rows) {
            keys.add(
                    key(
                            Row.of(
                                    row.getField("stream_name"),
                                    row.getField("shard"),
                                    row.getField("seq"),
                                    row.getField("pk"),
                                    row.getField("id"))));
        }
        return keys;
    }

    /** The same key of every record GetRecords returns for each stream. */
    private static List<String> recordKeys(String... streams) {
        List<String> keys = new ArrayList<>();
        for (String stream : streams) {
            for (TestStreams.ShardRecord r : ENV.streams().readAll(stream)) {
                keys.add(
                        stream
                                + "|"
                                + r.shardId()
                                + "|"
                                + r.record().sequenceNumber()
                                + "|"
                                + r.partitionKey()
                                + "|"
                                + r.data());
            }
        }
        return keys;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void awaitSeen(ConcurrentLinkedQueue<String> seen, List<String> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> wanted = new HashSet<>(expected);
        while (!new HashSet<>(seen).containsAll(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(new HashSet<>(seen));
        assertThat(missing).as("records not (yet) read after 60 s").isEmpty();
    }
}
