package io.github.flinkkinesis.glue.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.glue.registry.testutil.LocalAws;
import io.github.flinkkinesis.testing.LocalServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The {@code avro-glue} format with the {@code kinesis} connector against kinesalite and the Glue
 * Schema Registry of moto, with AWS's serde library as the producer and consumer applications on
 * the other side: records the library writes (two schema versions, ZLIB) are read through SQL with
 * metadata columns; rows SQL writes are decoded by the library; bad records fail or are skipped.
 */
class AvroGlueKinesisITCase {

    @RegisterExtension static final LocalServerExtension MOTO = LocalServerExtension.moto();

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    private static final Schema V1 =
            new Schema.Parser()
                    .parse(
                            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
                                    + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                                    + "{\"name\":\"amount\",\"type\":\"double\"}]}");

    /** v2 adds {@code currency} with a default: a BACKWARD compatible change. */
    private static final Schema V2 =
            new Schema.Parser()
                    .parse(
                            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
                                    + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                                    + "{\"name\":\"amount\",\"type\":\"double\"},"
                                    + "{\"name\":\"currency\",\"type\":\"string\","
                                    + "\"default\":\"EUR\"}]}");

    private static LocalAws aws;

    @BeforeAll
    static void connect() {
        aws = new LocalAws(KINESIS.endpoint(), MOTO.endpoint());
    }

    @AfterAll
    static void disconnect() {
        aws.close();
    }

    private static GenericRecord order(Schema schema, long id, double amount, String currency) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        record.put("amount", amount);
        if (currency != null) {
            record.put("currency", currency);
        }
        return record;
    }

    private static String ddl(
            String table,
            String columns,
            String stream,
            String registry,
            String schema,
            Map<String, String> extra) {
        StringBuilder sql =
                new StringBuilder("CREATE TABLE " + table + " (" + columns + ") WITH (");
        sql.append("'connector'='kinesis', 'stream.arn'='").append(stream).append("'");
        LocalAws.awsOptions(KINESIS.endpoint())
                .forEach((k, v) -> sql.append(", '").append(k).append("'='").append(v).append("'"));
        sql.append(", 'source.init.position'='TRIM_HORIZON', 'source.stop.position'='LATEST'");
        sql.append(", 'format'='avro-glue'");
        sql.append(", 'avro-glue.registry.name'='").append(registry).append("'");
        sql.append(", 'avro-glue.schema.name'='").append(schema).append("'");
        sql.append(", 'avro-glue.aws.endpoint'='").append(MOTO.endpoint()).append("'");
        extra.forEach((k, v) -> sql.append(", '").append(k).append("'='").append(v).append("'"));
        return sql.append(")").toString();
    }

    private static List<Row> collect(TableEnvironment env, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = env.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void recordsOfTwoSchemaVersionsWrittenByAwsLibraryReadAsOneTableWithTheDefault()
            throws Exception {
        String registry = aws.createRegistry(LocalAws.uniqueName("reg"));
        String schema = "orders";
        String stream = LocalAws.uniqueName("orders");
        aws.createStream(stream);
        // a producer app on v1 (uncompressed), then one on v2 with ZLIB
        List<String> sequences = new ArrayList<>();
        sequences.add(
                aws.put(
                        stream,
                        "a",
                        aws.libraryEncode(registry, schema, order(V1, 1, 9.5, null), "NONE")));
        sequences.add(
                aws.put(
                        stream,
                        "b",
                        aws.libraryEncode(registry, schema, order(V1, 2, 20.0, null), "NONE")));
        sequences.add(
                aws.put(
                        stream,
                        "c",
                        aws.libraryEncode(registry, schema, order(V2, 3, 7.25, "USD"), "ZLIB")));
        String shard = aws.onlyShard(stream);

        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(
                ddl(
                        "orders",
                        "id BIGINT, amount DOUBLE, currency STRING,"
                                + " shard STRING METADATA FROM 'shard-id' VIRTUAL,"
                                + " seq STRING METADATA FROM 'sequence-number' VIRTUAL,"
                                + " pk STRING METADATA FROM 'partition-key' VIRTUAL",
                        stream,
                        registry,
                        schema,
                        Map.of()));
        List<Row> rows = collect(env, "SELECT id, amount, currency, shard, seq, pk FROM orders");

        assertThat(rows)
                .containsExactly(
                        Row.of(1L, 9.5, "EUR", shard, sequences.get(0), "a"),
                        Row.of(2L, 20.0, "EUR", shard, sequences.get(1), "b"),
                        Row.of(3L, 7.25, "USD", shard, sequences.get(2), "c"));
        // the ZLIB record really is compressed on the wire
        assertThat(aws.readAll(stream).get(2).data().asByteArray()[1])
                .isEqualTo(GsrFrame.COMPRESSION_ZLIB);
    }

    @Test
    void rowsWrittenBySqlAreDecodedByAwsLibrary() throws Exception {
        String registry = aws.createRegistry(LocalAws.uniqueName("reg"));
        String schema = "payments";
        String stream = LocalAws.uniqueName("payments");
        aws.createStream(stream);

        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(
                ddl(
                        "payments",
                        "id BIGINT, payer STRING, amount DOUBLE",
                        stream,
                        registry,
                        schema,
                        Map.of(
                                "avro-glue.schema.autoRegistration", "true",
                                "avro-glue.schema.compression", "ZLIB",
                                "avro-glue.schema.compatibility", "BACKWARD")));
        env.executeSql(
                        "INSERT INTO payments VALUES (1, 'ann', 10.5), (2, CAST(NULL AS STRING),"
                                + " 3.0), (3, 'bob', 0.25)")
                .await();

        List<Record> records = aws.readAll(stream);
        assertThat(records).hasSize(3);
        List<String> decoded =
                records.stream()
                        .map(r -> aws.libraryDecode(registry, schema, r.data().asByteArray()))
                        .map(r -> r.get("id") + "|" + r.get("payer") + "|" + r.get("amount"))
                        .collect(Collectors.toList());
        assertThat(decoded).containsExactlyInAnyOrder("1|ann|10.5", "2|null|3.0", "3|bob|0.25");
        for (Record record : records) {
            byte[] bytes = record.data().asByteArray();
            assertThat(bytes[0]).isEqualTo(GsrFrame.HEADER_VERSION);
            assertThat(bytes[1]).isEqualTo(GsrFrame.COMPRESSION_ZLIB);
        }
        // the version the records name is the schema's latest in the registry, with the table's
        // definition
        var latest =
                aws.glue()
                        .getSchemaVersion(
                                r ->
                                        r.schemaId(b -> b.registryName(registry).schemaName(schema))
                                                .schemaVersionNumber(b -> b.latestVersion(true)));
        UUID written = GsrFrame.parse(records.get(0).data().asByteArray()).schemaVersionId();
        assertThat(written.toString()).isEqualTo(latest.schemaVersionId());
        assertThat(aws.libraryWriterSchema(registry, schema, records.get(0).data().asByteArray()))
                .isEqualTo(new Schema.Parser().parse(latest.schemaDefinition()));

        // and the same table reads back what it wrote
        assertThat(collect(env, "SELECT id, payer, amount FROM payments"))
                .containsExactlyInAnyOrder(
                        Row.of(1L, "ann", 10.5), Row.of(2L, null, 3.0), Row.of(3L, "bob", 0.25));
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredTableSchemaFailsTheInsertSayingWhatToDo()
            throws Exception {
        String registry = aws.createRegistry(LocalAws.uniqueName("reg"));
        String stream = LocalAws.uniqueName("noreg");
        aws.createStream(stream);
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(ddl("t", "id BIGINT", stream, registry, "absent", Map.of()));

        assertThatThrownBy(() -> env.executeSql("INSERT INTO t VALUES (1)").await())
                .hasStackTraceContaining("'avro-glue.schema.autoRegistration' = 'true'")
                .hasStackTraceContaining("absent");
        assertThat(aws.readAll(stream)).isEmpty();
    }

    @Test
    void badRecordsFailNamingTheRecordAndSchemaVersionOrAreSkippedWithIgnoreParseErrors()
            throws Exception {
        String registry = aws.createRegistry(LocalAws.uniqueName("reg"));
        String schema = "orders";
        String stream = LocalAws.uniqueName("bad");
        aws.createStream(stream);
        aws.put(stream, "a", aws.libraryEncode(registry, schema, order(V1, 1, 1.0, null), "NONE"));
        String plainSeq = aws.put(stream, "b", "{\"id\": 2}".getBytes(StandardCharsets.UTF_8));
        UUID unknown = UUID.randomUUID();
        aws.put(
                stream,
                "c",
                GsrFrame.frame(
                        unknown, GlueSchemaRegistryOptions.Compression.NONE, new byte[] {2, 0}, 2));
        aws.put(stream, "d", aws.libraryEncode(registry, schema, order(V1, 4, 4.0, null), "NONE"));

        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(
                ddl("strict", "id BIGINT, amount DOUBLE", stream, registry, schema, Map.of()));
        assertThatThrownBy(() -> collect(env, "SELECT id FROM strict"))
                .hasStackTraceContaining("sequence number " + plainSeq)
                .hasStackTraceContaining("Glue Schema Registry header");

        env.executeSql(
                ddl(
                        "lenient",
                        "id BIGINT, amount DOUBLE",
                        stream,
                        registry,
                        schema,
                        Map.of("avro-glue.ignore-parse-errors", "true")));
        assertThat(collect(env, "SELECT id, amount FROM lenient"))
                .containsExactly(Row.of(1L, 1.0), Row.of(4L, 4.0));

        // a stream whose bad record names an unknown version: the error names that id
        String stream2 = LocalAws.uniqueName("unknown");
        aws.createStream(stream2);
        aws.put(
                stream2,
                "c",
                GsrFrame.frame(
                        unknown, GlueSchemaRegistryOptions.Compression.NONE, new byte[] {2, 0}, 2));
        env.executeSql(
                ddl("strict2", "id BIGINT, amount DOUBLE", stream2, registry, schema, Map.of()));
        assertThatThrownBy(() -> collect(env, "SELECT id FROM strict2"))
                .hasStackTraceContaining("schema version id " + unknown);
    }

    @Test
    void aRegistryThatDoesNotExistFailsTheInsertSayingHowToCreateIt() throws Exception {
        String registry = LocalAws.uniqueName("missing");
        String stream = LocalAws.uniqueName("noregistry");
        aws.createStream(stream);
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(
                ddl(
                        "t",
                        "id BIGINT",
                        stream,
                        registry,
                        "s",
                        Map.of("avro-glue.schema.autoRegistration", "true")));

        assertThatThrownBy(() -> env.executeSql("INSERT INTO t VALUES (1)").await())
                .hasStackTraceContaining(
                        "The Glue Schema Registry '" + registry + "' does not exist")
                .hasStackTraceContaining("aws glue create-registry");
    }
}
