package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.testing.LocalServerExtension;
import io.github.flinkkinesis.testing.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The five most common mistakes, made in the real SQL Client (its own JVM, the SQL jars loaded with
 * {@code -j}): what it prints after {@code [ERROR] Could not execute SQL statement. Reason:} must
 * be one sentence that names the option or object concerned and says what to do. The client prints
 * only the deepest cause of a failure, so these tests are what shows that our sentence, and not an
 * SDK or format message, is that cause. docs/troubleshooting.md quotes these runs.
 */
class ClientErrorsITCase {

    private static final String STREAM = "errors-in";

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    @RegisterExtension static final LocalServerExtension GLUE = LocalServerExtension.moto();

    private static Path workDir;

    /** The one record on the stream, as GetRecords reports it. */
    private static Record record;

    @BeforeAll
    static void createStreamWithARecordThatIsNotJson() throws Exception {
        workDir = Files.createTempDirectory("client-errors-");
        try (DemoStreams streams = new DemoStreams(KINESIS.endpoint())) {
            streams.createStream(STREAM, 1);
            streams.client()
                    .putRecord(
                            PutRecordRequest.builder()
                                    .streamName(STREAM)
                                    .partitionKey("k")
                                    .data(SdkBytes.fromUtf8String("id;amount\n1;9.50"))
                                    .build());
            String iterator =
                    streams.client()
                            .getShardIterator(
                                    GetShardIteratorRequest.builder()
                                            .streamName(STREAM)
                                            .shardId("shardId-000000000000")
                                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)
                                            .build())
                            .shardIterator();
            record =
                    streams.client()
                            .getRecords(GetRecordsRequest.builder().shardIterator(iterator).build())
                            .records()
                            .get(0);
        }
    }

    @Test
    void aStreamThatDoesNotExist() throws Exception {
        String reason = reason(run(select(table("no-such-stream", BASIC)), Demo.sqlJars()));
        assertSentenceFirst(
                reason,
                "Kinesis stream 'no-such-stream' does not exist (ListShards): create it, or"
                        + " fix the table's 'stream.arn' (the stream's name or ARN),"
                        + " 'aws.region' or 'aws.endpoint'.");
    }

    @Test
    void aStreamArnOfAnotherRegion() throws Exception {
        String arn = "arn:aws:kinesis:eu-west-1:000000000000:stream/" + STREAM;
        String reason = reason(run(select(table(arn, BASIC)), Demo.sqlJars()));
        assertSentenceFirst(
                reason,
                "The stream ARN of option 'stream.arn' is in region eu-west-1 but option"
                        + " 'aws.region' is 'us-east-1': Kinesis serves a stream only in"
                        + " its own region; set 'aws.region' = 'eu-west-1'.");
    }

    @Test
    void aMistypedRegion() throws Exception {
        // no endpoint: the SDK derives it from the region, as on AWS
        String sql =
                select(table(STREAM, BASIC))
                        .replace("'aws.region' = 'us-east-1'", "'aws.region' = 'us-east1'")
                        .replace("'aws.endpoint' = '" + KINESIS.endpoint() + "',", "");
        String reason = reason(run(sql, Demo.sqlJars()));
        assertSentenceFirst(
                reason,
                "The Kinesis endpoint host kinesis.us-east1.amazonaws.com does not resolve:"
                        + " check option 'aws.region' (a region code such as us-east-1)");
    }

    @Test
    void noCredentials() throws Exception {
        String reason =
                reason(run(select(table(STREAM, "")), Demo.sqlJars(), withoutAwsCredentials()));
        assertSentenceFirst(
                reason,
                "No AWS credentials were found for Kinesis: with option"
                        + " 'aws.credentials.provider' = 'AUTO' (the default)");
    }

    @Test
    void noCredentialsForTheGlueCatalog() throws Exception {
        String sql =
                "CREATE CATALOG glue WITH ('type' = 'glue', 'aws.region' = 'us-east-1',"
                        + " 'aws.endpoint' = '"
                        + GLUE.endpoint()
                        + "');\nSHOW DATABASES IN glue;\n";
        String reason = reason(run(sql, Demo.sqlJars(), withoutAwsCredentials()));
        assertSentenceFirst(
                reason,
                "No AWS credentials were found for Glue: with option"
                        + " 'aws.credentials.provider' = 'AUTO' (the default)");
    }

    @Test
    void recordsInAnotherFormatThanTheTables() throws Exception {
        String reason = reason(run(select(table(STREAM, BASIC)), Demo.sqlJars()));
        // names the record as GetRecords reports it
        assertSentenceFirst(
                reason,
                "Could not decode the record of Kinesis stream '"
                        + STREAM
                        + "', shard 'shardId-000000000000', sequence number "
                        + record.sequenceNumber()
                        + " with the table's format (option 'format' must match what the"
                        + " producers write; some formats can skip such records, e.g."
                        + " 'json.ignore-parse-errors'): ");
    }

    @Test
    void theConnectorJarNotLoaded() throws Exception {
        String reason = reason(run(select(table(STREAM, BASIC)), List.of(Demo.sqlJars().get(1))));
        assertSentenceFirst(
                reason,
                "Could not find any factory for identifier 'kinesis' that implements"
                        + " 'org.apache.flink.table.factories.DynamicTableFactory'");
    }

    @Test
    void theCatalogJarNotLoaded() throws Exception {
        String sql = "CREATE CATALOG glue WITH ('type' = 'glue', 'aws.region' = 'us-east-1');\n";
        String reason = reason(run(sql, List.of(Demo.sqlJars().get(0))));
        assertSentenceFirst(
                reason,
                "Could not find any factory for identifier 'glue' that implements"
                        + " 'org.apache.flink.table.factories.CatalogFactory'");
    }

    // ---- the scripts ----

    private static final String BASIC =
            ",\n  'aws.credentials.provider' = 'BASIC',"
                    + " 'aws.credentials.basic.accesskeyid' = 'local',"
                    + " 'aws.credentials.basic.secretkey' = 'local'";

    private static String table(String stream, String credentials) {
        return "CREATE TABLE orders (\n"
                + "  id BIGINT,\n"
                + "  amount DECIMAL(10, 2),\n"
                + "  shard_id STRING METADATA FROM 'shard-id' VIRTUAL\n"
                + ") WITH (\n"
                + "  'connector' = 'kinesis', 'stream.arn' = '"
                + stream
                + "', 'format' = 'json',\n"
                + "  'aws.region' = 'us-east-1',\n"
                + "  'aws.endpoint' = '"
                + KINESIS.endpoint()
                + "',\n"
                + "  'source.init.position' = 'TRIM_HORIZON', 'source.stop.position' = 'LATEST'"
                + credentials
                + "\n);\n";
    }

    private static String select(String ddl) {
        return ddl + "SELECT * FROM orders;\n";
    }

    /**
     * An environment in which the SDK's default chain finds nothing: no keys, no profile file, no
     * web identity or container credentials, no instance metadata (not even tried).
     */
    private static Map<String, String> withoutAwsCredentials() {
        Map<String, String> env = new HashMap<>();
        for (String name :
                List.of(
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY",
                        "AWS_SESSION_TOKEN",
                        "AWS_PROFILE",
                        "AWS_WEB_IDENTITY_TOKEN_FILE",
                        "AWS_ROLE_ARN",
                        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            env.put(name, null);
        }
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-credentials-file").toString());
        env.put("AWS_CONFIG_FILE", workDir.resolve("no-config-file").toString());
        return env;
    }

    private static SqlClientRun.Result run(String sql, List<Path> jars)
            throws IOException, InterruptedException {
        return run(sql, jars, Map.of());
    }

    private static SqlClientRun.Result run(String sql, List<Path> jars, Map<String, String> env)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile(workDir, "mistake-", ".sql");
        Files.writeString(script, sql, StandardCharsets.UTF_8);
        return SqlClientRun.run(
                SqlClientRun.defaultConfDir(), null, script, jars, workDir, 300, env);
    }

    /**
     * The reason is "exception class: message", and the message starts with {@code sentence}: the
     * sentence is the first thing the user reads, not the end of a chain of wrappers.
     */
    private static void assertSentenceFirst(String reason, String sentence) {
        assertThat(reason).matches("[\\w.$]+: " + Pattern.quote(sentence) + ".*");
        assertDocumented(sentence.replaceFirst("sequence number \\d+", "sequence number"));
    }

    /** docs/troubleshooting.md quotes what the client printed (up to the record's number). */
    private static void assertDocumented(String printed) {
        Path docs = ProjectPaths.projectRoot().resolve("docs/troubleshooting.md");
        String text;
        try {
            text = Files.readString(docs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String normalized = text.replaceAll("sequence number \\d+", "sequence number");
        assertThat(normalized).as("%s quotes what the client printed", docs).contains(printed);
    }

    private static final Pattern REASON =
            Pattern.compile("\\[ERROR] Could not execute SQL statement\\. Reason:\\R(.*)");

    /**
     * The first line the client printed after "Reason:" (the deepest cause: its class and message),
     * without the terminal's colour codes.
     */
    private static String reason(SqlClientRun.Result result) {
        String output = result.output().replaceAll("\u001B\\[[0-9;]*m", "");
        Matcher m = REASON.matcher(output);
        assertThat(m.find()).as("an [ERROR] with a reason in:\n%s", output).isTrue();
        System.out.println("REASON: " + m.group(1));
        return m.group(1);
    }
}
