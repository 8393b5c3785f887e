package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.testing.LocalServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole job with BASIC credentials — a Glue catalog holding a secret key and a session token, a
 * Kinesis table in it that inherits them, an INSERT into a second stream and a read of it, SHOW
 * CREATE TABLE and a failing statement — while every log line of this JVM (Flink, the SDK, the
 * MiniCluster's task managers; ours at DEBUG, the rest at INFO) is captured: neither secret appears
 * in any log line, stack trace, result or error message.
 */
class NoSecretInLogsITCase {

    @RegisterExtension static final LocalServerExtension MOTO = LocalServerExtension.moto();

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    private final String secretKey = "s3cr3t-" + UUID.randomUUID();
    private final String sessionToken = "t0k3n-" + UUID.randomUUID();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final CapturingAppender appender = new CapturingAppender();
    private final Map<String, Level> levelsBefore = new HashMap<>();

    @BeforeEach
    void captureEveryLogLine() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender.start();
        LoggerConfig root = config.getRootLogger();
        levelsBefore.put("", root.getLevel());
        root.setLevel(Level.INFO);
        root.addAppender(appender, Level.ALL, null);
        LoggerConfig ours = config.getLoggerConfig("io.github.flinkkinesis");
        levelsBefore.put(ours.getName(), ours.getLevel());
        ours.setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        levelsBefore.forEach((name, level) -> config.getLoggerConfig(name).setLevel(level));
        context.updateLoggers();
        appender.stop();
    }

    @Test
    void aWholeJobWithBasicCredentialsLogsNoSecret() throws Exception {
        MOTO.resetMoto();
        GlueCatalogKinesisITCase.createStreamWithRecords(KINESIS, "secrets-in", 10);
        GlueCatalogKinesisITCase.createStreamWithRecords(KINESIS, "secrets-out", 0);

        Map<String, String> aws = new HashMap<>(GlueCatalogITCase.catalogAwsOptions(MOTO));
        aws.put("aws.credentials.provider", "BASIC");
        aws.put("aws.credentials.basic.accesskeyid", "AKIDLOGTEST");
        aws.put("aws.credentials.basic.secretkey", secretKey);
        aws.put("aws.credentials.basic.sessiontoken", sessionToken);
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(
                GlueCatalogSqlITCase.createCatalogSql(
                        "glue",
                        aws,
                        Map.of("table-defaults.aws.endpoint", KINESIS.endpoint().toString())));
        for (String name : List.of("secrets_in", "secrets_out")) {
            env.executeSql(
                    "CREATE TABLE glue.`default`."
                            + name
                            + " (order_id BIGINT, customer STRING) WITH ('connector'='kinesis',"
                            + " 'stream.arn'='"
                            + name.replace('_', '-')
                            + "', 'format'='json', 'source.init.position'='TRIM_HORIZON',"
                            + " 'source.stop.position'='LATEST')");
        }

        env.executeSql(
                        "INSERT INTO glue.`default`.secrets_out SELECT * FROM glue.`default`.secrets_in")
                .await();
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it =
                env.executeSql("SELECT order_id FROM glue.`default`.secrets_out").collect()) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).as("the job ran with the inherited credentials").hasSize(10);

        List<String> outputs = new ArrayList<>();
        try (CloseableIterator<Row> it =
                env.executeSql("SHOW CREATE TABLE glue.`default`.secrets_in").collect()) {
            it.forEachRemaining(row -> outputs.add(row.toString()));
        }
        env.executeSql(
                "CREATE TABLE glue.`default`.missing (order_id BIGINT) WITH"
                        + " ('connector'='kinesis', 'stream.arn'='no-such-stream',"
                        + " 'format'='json', 'source.stop.position'='LATEST')");
        assertThatThrownBy(
                        () -> {
                            try (CloseableIterator<Row> it =
                                    env.executeSql("SELECT * FROM glue.`default`.missing")
                                            .collect()) {
                                it.forEachRemaining(row -> {});
                            }
                        })
                .satisfies(e -> outputs.add(stackTrace(e)));

        assertThat(logged).as("log lines captured").hasSizeGreaterThan(50);
        assertThat(outputs).isNotEmpty();
        for (String secret : List.of(secretKey, sessionToken)) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
            assertThat(outputs).noneMatch(text -> text.contains(secret));
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Keeps every event with its stack trace, as a reporter or a log file would see it. */
    private final class CapturingAppender extends AbstractAppender {
        CapturingAppender() {
            super("no-secret-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            String line = event.getLoggerName() + " " + event.getMessage().getFormattedMessage();
            if (event.getThrown() != null) {
                line += "\n" + stackTrace(event.getThrown());
            }
            logged.add(line);
        }
    }
}
