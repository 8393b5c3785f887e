package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.testing.LocalServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;

/**
 * What a notebook paragraph does, end to end: Flink's JDBC driver (loaded in a class loader of its
 * own, as a notebook loads it) talks to the real SQL Gateway in its own JVM, which runs the jobs on
 * a Flink session cluster in another; the SQL jars reach each session with {@code ADD JAR}, the
 * Glue catalog was created once at gateway start. Kinesis is kinesalite, Glue is moto, both shared
 * by the class. Every row is compared with what the Kinesis or Glue API reports.
 */
class GatewayJdbcITCase {

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    @RegisterExtension static final LocalServerExtension GLUE = LocalServerExtension.moto();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path workDir;
    private static SqlGatewayRun gateway;
    private static NotebookDriver driver;
    private static DemoStreams streams;
    private static GlueClient glue;

    @BeforeAll
    static void startGateway() throws Exception {
        workDir = Files.createTempDirectory("gateway-it-");
        Path init =
                Demo.render(
                        Demo.INIT_SCRIPT,
                        Map.of(
                                "${KINESIS_ENDPOINT}", KINESIS.endpoint().toString(),
                                "${GLUE_ENDPOINT}", GLUE.endpoint().toString()),
                        workDir);
        gateway = SqlGatewayRun.start(Demo.sqlJars(), List.of(init), workDir);
        driver = new NotebookDriver();
        streams = new DemoStreams(KINESIS.endpoint());
        glue =
                GlueClient.builder()
                        .endpointOverride(GLUE.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("demo", "demo")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (streams != null) {
            streams.close();
        }
        if (glue != null) {
            glue.close();
        }
    }

    @Test
    void theDriverIsNotOnTheClassPathOfThisJvm() {
        assertThat(driver.classLoader()).isNotSameAs(ClassLoader.getSystemClassLoader());
        assertThat(ChildJvm.flinkClassPath()).doesNotContain("jdbc-driver", "-sql.jar");
    }

    @Test
    void theDriverRejectsPreparedStatementsFetchSizesRowLimitsAndGetStringOnNumbers()
            throws Exception {
        // docs/notebooks.md tells which tools trip over these; this pins the driver's behaviour
        try (Connection connection = driver.connect(gateway.jdbcUrl(), List.of());
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.setFetchSize(100))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> statement.setMaxRows(100))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> connection.prepareStatement("SHOW CATALOGS"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            // getString only reads character columns: other types need getObject or their getter
            statement.execute("SET 'execution.runtime-mode' = 'batch'");
            try (ResultSet rows = statement.executeQuery("SELECT CAST(42 AS BIGINT)")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject(1)).isEqualTo(42L);
                assertThatThrownBy(() -> rows.getString(1)).isInstanceOf(ClassCastException.class);
            }
        }
    }

    @Test
    void everySessionListsTheGlueCatalogAndItsDatabasesAreGluesDatabases() throws Exception {
        try (Connection connection = driver.connect(gateway.jdbcUrl(), List.of());
                Statement statement = connection.createStatement()) {
            // no ADD JAR yet: the catalog store lists the catalog without opening it
            assertThat(column(show(statement, "SHOW CATALOGS"), 1))
                    .contains("glue", "default_catalog");
        }
        try (Connection connection = driver.connect(gateway.jdbcUrl(), gateway.sessionInit());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS glue.notebook_listing");
            statement.execute("USE CATALOG glue");
            List<String> flink = column(show(statement, "SHOW DATABASES"), 1);
            List<String> aws =
                    glue.getDatabasesPaginator(b -> {}).stream()
                            .flatMap(page -> page.databaseList().stream())
                            .map(Database::name)
                            .toList();
            assertThat(aws).contains("notebook_listing");
            assertThat(flink).containsExactlyInAnyOrderElementsOf(aws);
        }
    }

    @Test
    void insertThenBoundedReadReturnsEveryRecordWithTheMetadataKinesisReports() throws Exception {
        String stream = "gateway-metadata";
        streams.createStream(stream, 2);
        List<String> users = List.of("alice", "bob", "carol", "dave", "erin", "frank");
        try (Connection connection = driver.connect(gateway.jdbcUrl(), gateway.sessionInit());
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TEMPORARY TABLE events ("
                            + " id BIGINT, user_name STRING,"
                            + " pk STRING METADATA FROM 'partition-key',"
                            + " arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,"
                            + " shard STRING METADATA FROM 'shard-id' VIRTUAL,"
                            + " seq STRING METADATA FROM 'sequence-number' VIRTUAL"
                            + ") WITH ("
                            + kinesisOptions(stream)
                            + ")");
            // a notebook re-runs its first paragraph: adding the same jars again is harmless
            for (String addJar : gateway.sessionInit()) {
                statement.execute(addJar);
            }
            statement.execute("SET 'table.dml-sync' = 'true'");
            String values =
                    users.stream()
                            .map(u -> "(" + (users.indexOf(u) + 1) + ", '" + u + "', '" + u + "')")
                            .collect(Collectors.joining(", "));
            statement.execute("INSERT INTO events (id, user_name, pk) VALUES " + values);

            List<KinesisRecords.Stored> stored = KinesisRecords.readAll(streams.client(), stream);
            assertThat(stored).hasSize(users.size());
            assertThat(stored.stream().map(KinesisRecords.Stored::shardId).distinct())
                    .as("two shards, six keys: both shards hold records")
                    .hasSize(2);

            ResultSet rows =
                    statement.executeQuery(
                            "SELECT id, user_name, pk, arrival, shard, seq FROM events"
                                    + " /*+ OPTIONS('source.init.position' = 'TRIM_HORIZON',"
                                    + " 'source.stop.position' = 'LATEST') */");
            List<String> read = new ArrayList<>();
            while (rows.next()) {
                read.add(
                        row(
                                rows.getLong("id"),
                                rows.getString("user_name"),
                                rows.getString("pk"),
                                utcInstant(rows.getTimestamp("arrival")),
                                rows.getString("shard"),
                                rows.getString("seq")));
            }
            // the bounded read ended by itself: its result set and statement close cleanly
            rows.close();
            assertThat(rows.isClosed()).isTrue();

            List<String> expected = new ArrayList<>();
            for (KinesisRecords.Stored s : stored) {
                JsonNode data = JSON.readTree(s.data());
                expected.add(
                        row(
                                data.get("id").asLong(),
                                data.get("user_name").asText(),
                                s.partitionKey(),
                                s.arrival(),
                                s.shardId(),
                                s.sequenceNumber()));
                // what was written: the user as partition key
                assertThat(s.partitionKey()).isEqualTo(data.get("user_name").asText());
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(expected);

            // an aggregation runs in batch mode: one final row per group (a streaming one would
            // return each update as a row, the driver drops the changelog kind)
            statement.execute("SET 'execution.runtime-mode' = 'batch'");
            Map<String, Long> perShard = new HashMap<>();
            try (ResultSet counts =
                    statement.executeQuery(
                            "SELECT shard, COUNT(*) FROM events"
                                    + " /*+ OPTIONS('source.init.position' = 'TRIM_HORIZON',"
                                    + " 'source.stop.position' = 'LATEST') */ GROUP BY shard")) {
                while (counts.next()) {
                    assertThat(perShard.put(counts.getString(1), counts.getLong(2))).isNull();
                }
            }
            assertThat(perShard)
                    .isEqualTo(
                            stored.stream()
                                    .collect(
                                            Collectors.groupingBy(
                                                    KinesisRecords.Stored::shardId,
                                                    Collectors.counting())));
        }
    }

    @Test
    void aTableStoredInGlueIsReadInALaterSession() throws Exception {
        String stream = "gateway-glue-orders";
        streams.createStream(stream, 1);
        List<String> written = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int id = i;
            streams.client()
                    .putRecord(
                            b ->
                                    b.streamName(stream)
                                            .partitionKey("customer-" + id)
                                            .data(
                                                    SdkBytes.fromUtf8String(
                                                            "{\"order_id\":"
                                                                    + id
                                                                    + ",\"amount\":"
                                                                    + (id * 10)
                                                                    + "}")));
            written.add("customer-" + id);
        }
        try (Connection connection = driver.connect(gateway.jdbcUrl(), gateway.sessionInit());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS glue.notebooks");
            // no aws.* options: region, credentials and endpoint come from the catalog
            statement.execute(
                    "CREATE TABLE glue.notebooks.orders ("
                            + " order_id BIGINT, amount INT,"
                            + " customer STRING METADATA FROM 'partition-key' VIRTUAL,"
                            + " seq STRING METADATA FROM 'sequence-number' VIRTUAL"
                            + ") WITH ('connector' = 'kinesis', 'stream.arn' = '"
                            + stream
                            + "', 'format' = 'json')");
        }
        assertThat(glue.getTable(b -> b.databaseName("notebooks").name("orders")).table().name())
                .isEqualTo("orders");

        // a new session: the table comes from Glue
        List<String> read = new ArrayList<>();
        try (Connection connection = driver.connect(gateway.jdbcUrl(), gateway.sessionInit());
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT order_id, amount, customer, seq FROM glue.notebooks.orders"
                                        + " /*+ OPTIONS('source.init.position' = 'TRIM_HORIZON',"
                                        + " 'source.stop.position' = 'LATEST') */")) {
            while (rows.next()) {
                read.add(
                        rows.getLong(1)
                                + "|"
                                + rows.getInt(2)
                                + "|"
                                + rows.getString(3)
                                + "|"
                                + rows.getString(4));
            }
        }
        List<String> expected = new ArrayList<>();
        for (KinesisRecords.Stored s : KinesisRecords.readAll(streams.client(), stream)) {
            JsonNode data = JSON.readTree(s.data());
            expected.add(
                    data.get("order_id").asLong()
                            + "|"
                            + data.get("amount").asInt()
                            + "|"
                            + s.partitionKey()
                            + "|"
                            + s.sequenceNumber());
        }
        assertThat(expected).hasSize(written.size());
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anUnboundedSelectIsCancelledWhenTheClientClosesItsStatement() throws Exception {
        String stream = "gateway-unbounded";
        streams.createStream(stream, 1);
        String sequence =
                streams.client()
                        .putRecord(
                                b ->
                                        b.streamName(stream)
                                                .partitionKey("first")
                                                .data(SdkBytes.fromUtf8String("{\"n\":1}")))
                        .sequenceNumber();
        try (Connection watcher = driver.connect(gateway.jdbcUrl(), List.of());
                Statement jobs = watcher.createStatement()) {
            Map<String, String> before = GatewayJobs.states(jobs);
            String jobId;
            try (Connection connection = driver.connect(gateway.jdbcUrl(), gateway.sessionInit())) {
                Statement statement = connection.createStatement();
                statement.execute(
                        "CREATE TEMPORARY TABLE endless (n INT,"
                                + " seq STRING METADATA FROM 'sequence-number' VIRTUAL) WITH ("
                                + kinesisOptions(stream)
                                + ", 'source.init.position' = 'TRIM_HORIZON')");
                ResultSet rows = statement.executeQuery("SELECT n, seq FROM endless");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getString(2)).isEqualTo(sequence);

                Map<String, String> running = GatewayJobs.states(jobs);
                running.keySet().removeAll(before.keySet());
                assertThat(running).as("jobs started by the SELECT").hasSize(1);
                jobId = running.keySet().iterator().next();
                assertThat(running.get(jobId)).isEqualTo("RUNNING");

                // what a notebook does when a paragraph is cancelled or re-run
                statement.close();
                assertThat(rows.isClosed()).isTrue();
            }
            String state = GatewayJobs.awaitTerminal(jobs, jobId, gateway);
            assertThat(state).as("job %s after the statement closed", jobId).isEqualTo("CANCELED");
            assertThat(GatewayJobs.clusterState(gateway, jobId)).isEqualTo("CANCELED");
        }
    }

    /**
     * Three common mistakes through JDBC: what the gateway answers ends with the sentence that says
     * what to do (the line after its last "Caused by:", which the SQL Client prints and the
     * notebook driver shows first), and the session cluster survives them: a query that fails while
     * its tasks deploy must not take its TaskManager down (FLINK-39330), so a good query still runs
     * afterwards.
     */
    @Test
    void mistakesReachTheJdbcClientAsOneSentenceAndTheClusterSurvives() throws Exception {
        String stream = "gateway-not-json";
        streams.createStream(stream, 1);
        streams.client()
                .putRecord(
                        b ->
                                b.streamName(stream)
                                        .partitionKey("k")
                                        .data(SdkBytes.fromUtf8String("id;name")));
        String arn = "arn:aws:kinesis:eu-west-1:000000000000:stream/" + stream;
        try (Connection connection = driver.connect(gateway.jdbcUrl(), gateway.sessionInit());
                Statement statement = connection.createStatement()) {
            assertThat(failureOf(statement, "missing", "no-such-stream"))
                    .startsWith(
                            "Kinesis stream 'no-such-stream' does not exist (ListShards): create"
                                    + " it, or fix the table's 'stream.arn'");
            assertThat(failureOf(statement, "arn", arn))
                    .startsWith(
                            "The stream ARN of option 'stream.arn' is in region eu-west-1 but"
                                    + " option 'aws.region' is 'us-east-1'");
            String record =
                    KinesisRecords.readAll(streams.client(), stream).get(0).sequenceNumber();
            assertThat(failureOf(statement, "format", stream))
                    .startsWith(
                            "Could not decode the record of Kinesis stream '"
                                    + stream
                                    + "', shard 'shardId-000000000000', sequence number "
                                    + record
                                    + " with the table's format (option 'format' must match");

            String good = "gateway-after-mistakes";
            streams.createStream(good, 1);
            streams.client()
                    .putRecord(
                            b ->
                                    b.streamName(good)
                                            .partitionKey("k")
                                            .data(SdkBytes.fromUtf8String("{\"id\": 7}")));
            statement.execute(
                    "CREATE TEMPORARY TABLE after_mistakes (id BIGINT) WITH ("
                            + kinesisOptions(good)
                            + ")");
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows =
                    statement.executeQuery("SELECT id FROM after_mistakes" + BOUNDED)) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            assertThat(ids).as("a query after the mistakes").containsExactly(7L);
        }
        // our notebook driver puts that sentence first, where a notebook shows it
        try (NotebookDriver notebook = NotebookDriver.ours();
                Connection connection =
                        notebook.connect(gateway.notebookJdbcUrl(), gateway.sessionInit());
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TEMPORARY TABLE notebook_mistake (id BIGINT) WITH ("
                            + kinesisOptions("no-such-stream")
                            + ")");
            assertThatThrownBy(
                            () -> {
                                try (ResultSet rows =
                                        statement.executeQuery(
                                                "SELECT * FROM notebook_mistake" + BOUNDED)) {
                                    while (rows.next()) {
                                        // the failure comes while rows are fetched
                                    }
                                }
                            })
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith(
                            "Kinesis stream 'no-such-stream' does not exist (ListShards): create"
                                    + " it, or fix the table's 'stream.arn'");
        }
    }

    private static final String BOUNDED =
            " /*+ OPTIONS('source.init.position' = 'TRIM_HORIZON',"
                    + " 'source.stop.position' = 'LATEST') */";

    /**
     * Creates table {@code name} on {@code stream}, reads it bounded and returns the sentence the
     * failure ends with: the first line after the last "Caused by:" of the gateway's answer.
     */
    private static String failureOf(Statement statement, String name, String stream)
            throws SQLException {
        statement.execute(
                "CREATE TEMPORARY TABLE mistake_"
                        + name
                        + " (id BIGINT, name STRING) WITH ("
                        + kinesisOptions(stream)
                        + ")");
        Throwable failure = null;
        try {
            ResultSet rows = statement.executeQuery("SELECT * FROM mistake_" + name + BOUNDED);
            while (rows.next()) {
                // the failure comes while rows are fetched
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as("the query on %s fails", stream).isNotNull();
        String answer = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Exception on server side")) {
                answer = t.getMessage();
            }
        }
        assertThat(answer).as("the gateway's answer in %s", failure).isNotNull();
        String[] parts = answer.split("Caused by:");
        String last = parts[parts.length - 1].split("\tat")[0].trim();
        System.out.println("JDBC " + name + ": " + last.lines().findFirst().orElse(""));
        // "class: sentence"
        return last.substring(last.indexOf(": ") + 2);
    }

    private static String kinesisOptions(String stream) {
        return "'connector' = 'kinesis', 'stream.arn' = '"
                + stream
                + "', 'aws.region' = 'us-east-1', 'aws.endpoint' = '"
                + KINESIS.endpoint()
                + "', 'aws.credentials.provider' = 'BASIC',"
                + " 'aws.credentials.basic.accesskeyid' = 'demo',"
                + " 'aws.credentials.basic.secretkey' = 'demo', 'format' = 'json'";
    }

    /**
     * The rows of a {@code SHOW} statement. The driver's {@code executeQuery} takes queries only;
     * {@code execute} then {@code getResultSet} (what notebooks and BI tools call) serves both.
     */
    private static ResultSet show(Statement statement, String sql) throws SQLException {
        assertThat(statement.execute(sql)).as("%s returns rows", sql).isTrue();
        return statement.getResultSet();
    }

    private static List<String> column(ResultSet rows, int index) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                values.add(rows.getString(index));
            }
        }
        return values;
    }

    /**
     * The driver turns a TIMESTAMP_LTZ into a {@link java.sql.Timestamp} whose wall-clock fields
     * are the UTC time of the instant.
     */
    private static Instant utcInstant(java.sql.Timestamp timestamp) {
        return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static String row(
            long id, String user, String pk, Instant arrival, String shard, String seq) {
        return id + "|" + user + "|" + pk + "|" + arrival + "|" + shard + "|" + seq;
    }
}
