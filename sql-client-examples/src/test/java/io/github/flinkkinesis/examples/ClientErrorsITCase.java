package io.github.flinkkinesis.examples;

import io.github.flinkkinesis.testing.LocalServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;

class ClientErrorsITCase {
    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    static Path work;

    @BeforeAll
    static void setUp() throws Exception {
        work = Files.createTempDirectory("client-errors-");
        try (DemoStreams streams = new DemoStreams(KINESIS.endpoint())) {
            streams.createStream("errors-in", 1);
            for (int i = 0; i < 3; i++) {
                streams.client()
                        .putRecord(
                                PutRecordRequest.builder()
                                        .streamName("errors-in")
                                        .partitionKey("k" + i)
                                        .data(SdkBytes.fromUtf8String("id;" + i))
                                        .build());
            }
        }
    }

    String table(String stream, String extra) {
        return "CREATE TABLE t (id BIGINT, shard STRING METADATA FROM 'shard-id' VIRTUAL) WITH ("
                + "'connector'='kinesis','stream.arn'='"
                + stream
                + "','aws.region'='us-east-1',"
                + "'aws.endpoint'='"
                + KINESIS.endpoint()
                + "',"
                + "'format'='json','source.init.position'='TRIM_HORIZON','source.stop.position'='LATEST'"
                + extra
                + ");\n";
    }

    static final String BASIC =
            ",'aws.credentials.provider'='BASIC','aws.credentials.basic.accesskeyid'='x','aws.credentials.basic.secretkey'='y'";

    void probe(String name, String sql, List<Path> jars, Map<String, String> env) throws Exception {
        Path script = work.resolve(name + ".sql");
        Files.writeString(script, sql, StandardCharsets.UTF_8);
        SqlClientRun.Result r =
                SqlClientRun.run(SqlClientRun.defaultConfDir(), null, script, jars, work, 300, env);
        Files.writeString(Path.of("/tmp/probe/" + name + ".out"), r.output());
    }

    @Test
    void probeAll() throws Exception {
        List<Path> jars = Demo.sqlJars();
        probe(
                "missing-stream",
                table("no-such-stream", BASIC) + "SELECT * FROM t;\n",
                jars,
                Map.of());
        probe(
                "arn-region",
                table("arn:aws:kinesis:eu-west-1:000000000000:stream/errors-in", BASIC)
                        + "SELECT * FROM t;\n",
                jars,
                Map.of());
        Map<String, String> noCreds = new HashMap<>();
        for (String v :
                List.of(
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY",
                        "AWS_SESSION_TOKEN",
                        "AWS_PROFILE",
                        "AWS_WEB_IDENTITY_TOKEN_FILE",
                        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI")) noCreds.put(v, null);
        noCreds.put("AWS_EC2_METADATA_DISABLED", "true");
        noCreds.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("none").toString());
        noCreds.put("AWS_CONFIG_FILE", work.resolve("none").toString());
        probe("no-credentials", table("errors-in", "") + "SELECT * FROM t;\n", jars, noCreds);
        probe("format", table("errors-in", BASIC) + "SELECT * FROM t;\n", jars, Map.of());
        probe(
                "no-jar",
                table("errors-in", BASIC) + "SELECT * FROM t;\n",
                List.of(jars.get(1)),
                Map.of());
        probe(
                "no-catalog-jar",
                "CREATE CATALOG glue WITH ('type'='glue','aws.region'='us-east-1');\n",
                List.of(jars.get(0)),
                Map.of());
        probe(
                "typo-region",
                table("errors-in", BASIC)
                                .replace("'aws.region'='us-east-1'", "'aws.region'='us-east1'")
                                .replace("'aws.endpoint'='" + KINESIS.endpoint() + "',", "")
                        + "SELECT * FROM t;\n",
                jars,
                Map.of());
    }
}
