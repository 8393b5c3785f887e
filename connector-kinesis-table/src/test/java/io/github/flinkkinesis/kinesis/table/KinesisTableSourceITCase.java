package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.testutil.FactoryTables.causeMessages;
import static io.github.flinkkinesis.kinesis.testutil.TestTables.boundedRead;
import static io.github.flinkkinesis.kinesis.testutil.TestTables.collect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestStreams.ShardRecord;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reads kinesalite streams through SQL on a MiniCluster and checks rows and metadata. */
class KinesisTableSourceITCase {

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();

    private final TestStreams streams = ENV.streams();
    private StreamTableEnvironment tableEnv;

    @BeforeEach
    void createTableEnvironment() {
        tableEnv = ENV.tableEnv(2);
    }

    private static String ddl(String table, String columns, Map<String, String> options) {
        return ENV.ddl(table + " (" + columns + ")", options);
    }

    private static List<String> jsonRecords(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> "{\"id\":" + i + ",\"name\":\"name-" + i + "\"}")
                .collect(Collectors.toList());
    }

    private static List<String> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "key-" + i).collect(Collectors.toList());
    }

    private static List<Integer> ids(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    /** Puts the JSON records of ids [from, to), with partition keys "key-" + id. */
    private void putJson(String stream, int from, int to) {
        streams.put(stream, keys(from, to), TestStreams.utf8(jsonRecords(from, to)));
    }

    /** Puts ids [from, pause), waits, puts [pause, to); returns a moment between the two. */
    private Instant putJsonWithAPause(String stream, int from, int pause, int to) {
        putJson(stream, from, pause);
        TestStreams.sleep(100);
        Instant between = Instant.now();
        TestStreams.sleep(100);
        putJson(stream, pause, to);
        return between;
    }

    @Test
    void metadataColumnsEqualWhatGetRecordsReports() throws Exception {
        String stream = ENV.newStream(2);
        putJson(stream, 0, 60);
        Map<String, ShardRecord> bySequence = new HashMap<>();
        for (ShardRecord r : streams.readAll(stream)) {
            bySequence.put(r.record().sequenceNumber(), r);
        }
        assertThat(bySequence).hasSize(60);
        assertThat(bySequence.values().stream().map(r -> r.shardId()).distinct()).hasSize(2);

        tableEnv.executeSql(
                ddl(
                        "events",
                        "id INT, name STRING,"
                                + " arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',"
                                + " shard STRING METADATA FROM 'shard-id',"
                                + " seq STRING METADATA FROM 'sequence-number' VIRTUAL,"
                                + " pk STRING METADATA FROM 'partition-key',"
                                + " stream_name STRING METADATA FROM 'stream'",
                        boundedRead(stream, "json")));
        List<Row> rows =
                collect(
                        tableEnv,
                        "SELECT id, name, arrival, shard, seq, pk, stream_name FROM events");

        assertThat(rows).hasSize(60);
        for (Row row : rows) {
            ShardRecord expected = bySequence.get((String) row.getField(4));
            assertThat(expected).as("record with sequence number %s", row.getField(4)).isNotNull();
            int id = (Integer) row.getField(0);
            assertThat(expected.data()).isEqualTo(jsonRecords(id, id + 1).get(0));
            assertThat(row.getField(1)).isEqualTo("name-" + id);
            assertThat(row.getField(2))
                    .isEqualTo(
                            expected.record()
                                    .approximateArrivalTimestamp()
                                    .truncatedTo(ChronoUnit.MILLIS));
            assertThat(row.getField(3)).isEqualTo(expected.shardId());
            assertThat(row.getField(5)).isEqualTo(expected.record().partitionKey());
            assertThat(row.getField(6)).isEqualTo(stream);
        }
        assertThat(rows.stream().map(r -> r.getField(0)).distinct()).hasSize(60);
    }

    @Test
    void ddlOfTheOfficialAndLegacyConnectorsWorksUnchanged() throws Exception {
        String stream = ENV.newStream(1);
        putJson(stream, 0, 5);
        Map<String, ShardRecord> bySequence = new HashMap<>();
        for (ShardRecord r : streams.readAll(stream)) {
            bySequence.put(r.record().sequenceNumber(), r);
        }
        Map<String, String> options = new HashMap<>();
        options.put("stream", stream);
        options.put("format", "json");
        options.put("scan.stream.initpos", "TRIM_HORIZON");
        options.put("source.stop.position", "LATEST");
        tableEnv.executeSql(
                ddl(
                        "legacy",
                        "id INT, name STRING,"
                                + " ts TIMESTAMP(3) METADATA FROM 'timestamp',"
                                + " shard VARCHAR(128) METADATA FROM 'shard-id',"
                                + " seq VARCHAR(128) METADATA FROM 'sequence-number'",
                        options));
        List<Row> rows = collect(tableEnv, "SELECT id, ts, shard, seq FROM legacy");

        assertThat(rows).hasSize(5);
        for (Row row : rows) {
            ShardRecord expected = bySequence.get((String) row.getField(3));
            assertThat(expected).isNotNull();
            assertThat(row.getField(1))
                    .isEqualTo(
                            LocalDateTime.ofInstant(
                                    expected.record()
                                            .approximateArrivalTimestamp()
                                            .truncatedTo(ChronoUnit.MILLIS),
                                    ZoneOffset.UTC));
            assertThat(row.getField(2)).isEqualTo(expected.shardId());
        }
    }

    @Test
    void projectionOfSomeFieldsAndOnlyMetadata() throws Exception {
        String stream = ENV.newStream(1);
        putJson(stream, 0, 10);
        tableEnv.executeSql(
                ddl(
                        "projected",
                        "id INT, name STRING, pk STRING METADATA FROM 'partition-key'",
                        boundedRead(stream, "json")));

        assertThat(collect(tableEnv, "SELECT name FROM projected"))
                .extracting(r -> r.getField(0))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 10)
                                .mapToObj(i -> "name-" + i)
                                .collect(Collectors.toList()));
        assertThat(collect(tableEnv, "SELECT pk, id FROM projected"))
                .extracting(r -> r.getField(0) + "/" + r.getField(1))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 10)
                                .mapToObj(i -> "key-" + i + "/" + i)
                                .collect(Collectors.toList()));
    }

    @Test
    void atTimestampStartsAtTheFirstRecordThatArrivedThen() throws Exception {
        String stream = ENV.newStream(2);
        Instant between = putJsonWithAPause(stream, 0, 20, 40);

        Map<String, String> options = boundedRead(stream, "json");
        options.put("source.init.position", "AT_TIMESTAMP");
        options.put(
                "source.init.timestamp",
                new BigDecimal(between.toEpochMilli()).movePointLeft(3).toPlainString());
        tableEnv.executeSql(ddl("from_ts", "id INT, name STRING", options));

        assertThat(collect(tableEnv, "SELECT id FROM from_ts"))
                .extracting(r -> (Integer) r.getField(0))
                .containsExactlyInAnyOrderElementsOf(ids(20, 40));
    }

    @Test
    void trimHorizonWithStopAtTimestampReadsUpToThatTime() throws Exception {
        String stream = ENV.newStream(1);
        Instant between = putJsonWithAPause(stream, 0, 10, 20);

        Map<String, String> options = boundedRead(stream, "json");
        options.put("source.stop.position", "AT_TIMESTAMP");
        options.put(
                "source.stop.timestamp",
                between.atOffset(ZoneOffset.UTC)
                        .format(
                                java.time.format.DateTimeFormatter.ofPattern(
                                        "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")));
        tableEnv.executeSql(ddl("to_ts", "id INT, name STRING", options));

        assertThat(collect(tableEnv, "SELECT id FROM to_ts"))
                .extracting(r -> (Integer) r.getField(0))
                .containsExactlyInAnyOrderElementsOf(ids(0, 10));
    }

    @Test
    void latestReadsOnlyRecordsWrittenAfterTheJobStarted() throws Exception {
        String stream = ENV.newStream(1);
        putJson(stream, 0, 10);
        tableEnv.executeSql(
                ddl(
                        "latest",
                        "id INT, name STRING",
                        TestTables.unboundedRead(stream, "json")
                                .with("source.init.position", "LATEST")));

        TableResult result = tableEnv.executeSql("SELECT id FROM latest");
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer =
                new Thread(
                        () -> {
                            int next = 100;
                            while (!stop.get()) {
                                putJson(stream, next, next + 1);
                                next++;
                                TestStreams.sleep(100);
                            }
                        });
        List<Integer> ids = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            writer.start();
            while (ids.size() < 5 && it.hasNext()) {
                ids.add((Integer) it.next().getField(0));
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(ids).hasSize(5).allMatch(id -> id >= 100);
        // one shard, so the records arrive in the order they were written, without gaps
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
        }
    }

    @Test
    void boundedReadRunsInBatchMode() throws Exception {
        String stream = ENV.newStream(2);
        putJson(stream, 0, 30);
        StreamExecutionEnvironment env = ENV.streamEnv(2);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        tableEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inBatchMode());
        tableEnv.executeSql(
                ddl(
                        "batch_t",
                        "id INT, name STRING, shard STRING METADATA FROM 'shard-id'",
                        boundedRead(stream, "json")));
        assertThat(
                        collect(
                                tableEnv,
                                "SELECT COUNT(*), SUM(id), COUNT(DISTINCT shard) FROM batch_t"))
                .extracting(Row::toString)
                .containsExactly("+I[30, 435, 2]");
    }

    @Test
    void csvFormat() throws Exception {
        String stream = ENV.newStream(1);
        streams.put(
                stream, List.of("a", "b"), TestStreams.utf8(List.of("1,alice,2.5", "2,bob,-1.0")));
        tableEnv.executeSql(
                ddl("csv_t", "id INT, name STRING, score DOUBLE", boundedRead(stream, "csv")));
        assertThat(collect(tableEnv, "SELECT id, name, score FROM csv_t"))
                .extracting(Row::toString)
                .containsExactlyInAnyOrder("+I[1, alice, 2.5]", "+I[2, bob, -1.0]");
        assertThat(collect(tableEnv, "SELECT score, id FROM csv_t"))
                .extracting(Row::toString)
                .containsExactlyInAnyOrder("+I[2.5, 1]", "+I[-1.0, 2]");
    }

    @Test
    void rawFormat() throws Exception {
        String stream = ENV.newStream(1);
        streams.put(stream, List.of("a", "b"), TestStreams.utf8(List.of("hello", "wörld")));
        tableEnv.executeSql(
                ddl(
                        "raw_t",
                        "payload STRING, pk STRING METADATA FROM 'partition-key'",
                        boundedRead(stream, "raw")));
        assertThat(collect(tableEnv, "SELECT payload, pk FROM raw_t"))
                .extracting(Row::toString)
                .containsExactlyInAnyOrder("+I[hello, a]", "+I[wörld, b]");
        // raw cannot project by itself: the source drops the physical field
        assertThat(collect(tableEnv, "SELECT pk FROM raw_t"))
                .extracting(Row::toString)
                .containsExactlyInAnyOrder("+I[a]", "+I[b]");
    }

    @Test
    void avroFormat() throws Exception {
        String stream = ENV.newStream(1);
        LogicalType rowType =
                DataTypes.ROW(
                                DataTypes.FIELD("id", DataTypes.INT().notNull()),
                                DataTypes.FIELD("name", DataTypes.STRING()))
                        .notNull()
                        .getLogicalType();
        Schema schema = AvroSchemaConverter.convertToSchema(rowType);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GenericRecord record = new GenericData.Record(schema);
            record.put("id", i);
            record.put("name", "avro-" + i);
            payloads.add(avroBytes(schema, record));
        }
        streams.put(stream, List.of("a", "b", "c"), payloads);
        tableEnv.executeSql(
                ddl("avro_t", "id INT NOT NULL, name STRING", boundedRead(stream, "avro")));
        assertThat(collect(tableEnv, "SELECT id, name FROM avro_t"))
                .extracting(Row::toString)
                .containsExactlyInAnyOrder("+I[0, avro-0]", "+I[1, avro-1]", "+I[2, avro-2]");
    }

    private static byte[] avroBytes(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void undecodableRecordFailsTheJobNamingStreamShardAndSequenceNumber() throws Exception {
        String stream = ENV.newStream(1);
        streams.put(
                stream,
                List.of("a", "b", "c"),
                TestStreams.utf8(
                        List.of(
                                "{\"id\":1,\"name\":\"ok\"}",
                                "{not json",
                                "{\"id\":3,\"name\":\"ok\"}")));
        ShardRecord broken =
                streams.readAll(stream).stream()
                        .filter(r -> r.data().equals("{not json"))
                        .findFirst()
                        .orElseThrow();
        tableEnv.executeSql(ddl("broken", "id INT, name STRING", boundedRead(stream, "json")));

        assertThatThrownBy(() -> collect(tableEnv, "SELECT id FROM broken"))
                .satisfies(
                        e ->
                                assertThat(causeMessages(e))
                                        .anyMatch(
                                                m ->
                                                        m.contains("stream '" + stream + "'")
                                                                && m.contains(
                                                                        "shard '"
                                                                                + broken.shardId()
                                                                                + "'")
                                                                && m.contains(
                                                                        "sequence number "
                                                                                + broken.record()
                                                                                        .sequenceNumber())));

        Map<String, String> lenient = boundedRead(stream, "json");
        lenient.put("json.ignore-parse-errors", "true");
        tableEnv.executeSql(ddl("lenient", "id INT, name STRING", lenient));
        assertThat(collect(tableEnv, "SELECT id FROM lenient"))
                .extracting(r -> (Integer) r.getField(0))
                .containsExactlyInAnyOrder(1, 3);
    }
}
