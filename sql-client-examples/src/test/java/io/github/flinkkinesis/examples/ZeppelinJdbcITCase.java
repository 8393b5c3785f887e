package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.examples.ZeppelinJdbcCalls.Output;
import io.github.flinkkinesis.testing.LocalServerExtension;
import io.github.flinkkinesis.testing.ProjectPaths;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Zeppelin note {@code sql-client-examples/zeppelin/kinesis-metadata-jdbc.zpln}, paragraph by
 * paragraph, through Zeppelin's JDBC calls ({@link ZeppelinJdbcCalls}) and this project's notebook
 * driver (module jdbc-driver: its one jar in a class loader of its own, as Zeppelin's {@code
 * artifact} setting loads it), against what {@code gateway.sh} starts: the real SQL Gateway and a
 * session cluster in their own JVMs, the Glue catalog with {@code glue.demo.events}, kinesalite and
 * moto. Every row shown is compared with what GetRecords reports.
 */
class ZeppelinJdbcITCase {

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    @RegisterExtension static final LocalServerExtension GLUE = LocalServerExtension.moto();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERPRETER =
            Pattern.compile("%flink_gateway(?:\\(limit=(\\d+)\\))?\n");

    private static SqlGatewayRun gateway;
    private static NotebookDriver driver;
    private static DemoStreams streams;
    private static List<JsonNode> paragraphs;

    @BeforeAll
    static void startWhatGatewayShStarts() throws Exception {
        Path workDir = Files.createTempDirectory("zeppelin-it-");
        streams = new DemoStreams(KINESIS.endpoint());
        streams.createStream(Demo.STREAM, 2);
        Map<String, String> variables =
                Map.of(
                        "${KINESIS_ENDPOINT}", KINESIS.endpoint().toString(),
                        "${GLUE_ENDPOINT}", GLUE.endpoint().toString());
        gateway =
                SqlGatewayRun.start(
                        Demo.sqlJars(),
                        List.of(
                                Demo.render(Demo.INIT_SCRIPT, variables, workDir),
                                Demo.render("01-create-tables.sql", variables, workDir)),
                        workDir);
        driver = NotebookDriver.ours();
        paragraphs = new ArrayList<>();
        Path note =
                ProjectPaths.projectRoot()
                        .resolve("sql-client-examples/zeppelin/kinesis-metadata-jdbc.zpln");
        JSON.readTree(note.toFile()).get("paragraphs").forEach(paragraphs::add);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (streams != null) {
            streams.close();
        }
    }

    @Test
    void theDriverIsOneJarLoadedAloneNotOnAFlinkClassPath() throws Exception {
        assertThat(driver.classLoader().getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
        assertThat(ChildJvm.flinkClassPath()).doesNotContain("jdbc-driver", "-sql.jar");
        // what Apache 2.0 asks the bundle's redistribution to keep, and service loading of both
        // drivers
        try (JarFile jar = new JarFile(System.getProperty(NotebookDriver.OUR_JAR_PROPERTY))) {
            assertThat(jar.getEntry("META-INF/NOTICE")).isNotNull();
            assertThat(jar.getEntry("META-INF/LICENSE")).isNotNull();
            assertThat(jar.getEntry("META-INF/licenses/LICENSE.slf4j.txt")).isNotNull();
            String drivers =
                    new String(
                            jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8);
            assertThat(drivers)
                    .contains(
                            NotebookDriver.OUR_DRIVER_CLASS,
                            "org.apache.flink.table.jdbc.FlinkDriver");
        }
    }

    @Test
    void theNoteRunsThroughZeppelinsCallsAndShowsWhatKinesisHolds() throws Exception {
        ZeppelinJdbcCalls zeppelin = new ZeppelinJdbcCalls(driver.driver(), interpreterSettings());
        zeppelin.open();

        // 2: ADD JAR (with this build's jars), SHOW CATALOGS
        List<Output> shown = run(zeppelin, 2);
        assertThat(shown.get(shown.size() - 1).rows())
                .extracting(row -> row.get(0))
                .contains("glue", "default_catalog");

        // 3: the Glue catalog's tables
        shown = run(zeppelin, 3);
        assertThat(shown.get(1).rows()).containsExactly(List.of("events"));

        // 4: INSERT of the six events
        run(zeppelin, 4);
        List<KinesisRecords.Stored> stored = KinesisRecords.readAll(streams.client(), Demo.STREAM);
        assertThat(stored).hasSize(6);

        // 5: the bounded read, every column through getObject and getString
        Output read = run(zeppelin, 5).get(0);
        assertThat(read.header())
                .containsExactly(
                        "event_id",
                        "user_name",
                        "action",
                        "amount",
                        "shard_id",
                        "partition_key",
                        "sequence_no",
                        "arrival_time",
                        "sub_sequence_no");
        List<List<String>> expected = new ArrayList<>();
        for (KinesisRecords.Stored s : stored) {
            JsonNode data = JSON.readTree(s.data());
            expected.add(
                    List.of(
                            data.get("event_id").asText(),
                            data.get("user_name").asText(),
                            data.get("action").asText(),
                            new BigDecimal(data.get("amount").asText()).setScale(2).toPlainString(),
                            s.shardId(),
                            s.partitionKey(),
                            s.sequenceNumber(),
                            utcText(s.arrival()),
                            // not a KPL aggregate: NULL, which Zeppelin shows as "null"
                            "null"));
        }
        assertThat(read.rows()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(read.truncated()).isFalse();

        // 6: per-shard count and last arrival, in batch mode
        Output perShard = run(zeppelin, 6).get(1);
        Map<String, List<String>> expectedPerShard = new HashMap<>();
        stored.stream()
                .collect(Collectors.groupingBy(KinesisRecords.Stored::shardId))
                .forEach(
                        (shard, records) ->
                                expectedPerShard.put(
                                        shard,
                                        List.of(
                                                shard,
                                                String.valueOf(records.size()),
                                                utcText(
                                                        records.stream()
                                                                .map(KinesisRecords.Stored::arrival)
                                                                .max(Instant::compareTo)
                                                                .orElseThrow()))));
        assertThat(perShard.rows()).containsExactlyInAnyOrderElementsOf(expectedPerShard.values());

        // 7: the unbounded read with limit=5: five rows, then its job is cancelled
        try (Connection watcher = driver.connect(gateway.notebookJdbcUrl(), List.of());
                Statement jobs = watcher.createStatement()) {
            // what BI tools and connection pools call, which Flink's driver rejects
            assertThat(watcher.isValid(5)).isTrue();
            try (ResultSet catalogs = jobs.executeQuery("SHOW CATALOGS")) {
                assertThat(catalogs.next()).isTrue();
            }
            Map<String, String> before = GatewayJobs.states(jobs);
            Output first = run(zeppelin, 7).get(1);
            assertThat(first.rows()).hasSize(5);
            List<List<String>> unboundedExpected =
                    expected.stream()
                            .map(r -> List.of(r.get(0), r.get(1), r.get(2), r.get(4), r.get(7)))
                            .toList();
            assertThat(unboundedExpected).containsAll(first.rows());
            assertThat(first.rows()).doesNotHaveDuplicates();

            Map<String, String> started = GatewayJobs.states(jobs);
            started.keySet().removeAll(before.keySet());
            assertThat(started).as("jobs started by paragraph 7").hasSize(1);
            String jobId = started.keySet().iterator().next();
            assertThat(GatewayJobs.awaitTerminal(jobs, jobId, gateway))
                    .as("job %s after five rows", jobId)
                    .isEqualTo("CANCELED");
            assertThat(GatewayJobs.clusterState(gateway, jobId)).isEqualTo("CANCELED");
        }

        // the whole note ran in one gateway session: the pool kept its connection
        assertThat(zeppelin.connectionsOpened()).isEqualTo(1);
        // completion: catalogs are offered; tables are not (Flink's driver), and that is caught
        assertThat(zeppelin.completion("glue")).contains("glue", "default_catalog");
        zeppelin.close();
    }

    /** What an interpreter setting holds, as Zeppelin 0.11/0.12 hand it to the driver. */
    private static Properties interpreterSettings() {
        Properties settings = new Properties();
        settings.setProperty("driver", NotebookDriver.OUR_DRIVER_CLASS);
        settings.setProperty("url", gateway.notebookJdbcUrl());
        settings.setProperty("user", "");
        settings.setProperty("password", "");
        settings.setProperty("precode", String.join(";", gateway.sessionInit()));
        return settings;
    }

    /** Runs paragraph {@code number} (1-based, as the note's ids) as Zeppelin runs it. */
    private static List<Output> run(ZeppelinJdbcCalls zeppelin, int number) throws Exception {
        String text = paragraphs.get(number - 1).get("text").asText();
        Matcher interpreter = INTERPRETER.matcher(text);
        assertThat(interpreter.lookingAt()).as("paragraph %s: %s", number, text).isTrue();
        Integer limit = interpreter.group(1) == null ? null : Integer.valueOf(interpreter.group(1));
        String sql = text.substring(interpreter.end());
        // the note's ADD JARs name placeholder paths: this build's jars instead
        List<String> lines = new ArrayList<>();
        for (String line : sql.split("\n")) {
            if (line.startsWith("ADD JAR '/path/to/")) {
                if (lines.stream().noneMatch(l -> l.startsWith("ADD JAR"))) {
                    gateway.sessionInit().forEach(addJar -> lines.add(addJar + ";"));
                }
            } else {
                lines.add(line);
            }
        }
        return zeppelin.paragraph(String.join("\n", lines), limit);
    }

    /** A TIMESTAMP_LTZ as the driver shows it: the instant's UTC date and time. */
    private static String utcText(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)).toString();
    }
}
