package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.testing.LocalServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A Kinesis stream (kinesalite) read through a table that an earlier, separate catalog instance
 * stored in Glue (moto): the reading session declares nothing but the catalog, and the table gets
 * its region and credentials from the catalog and its Kinesis endpoint from {@code
 * table-defaults.aws.endpoint}.
 */
class GlueCatalogKinesisITCase {

    @RegisterExtension static final LocalServerExtension MOTO = LocalServerExtension.moto();

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    private static final String STREAM = "glue-orders";

    private static TableEnvironment session() {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(
                GlueCatalogSqlITCase.createCatalogSql(
                        "glue",
                        GlueCatalogITCase.catalogAwsOptions(MOTO),
                        Map.of("table-defaults.aws.endpoint", KINESIS.endpoint().toString())));
        return env;
    }

    /** Creates {@code stream} with one shard and puts {@code count} JSON orders (none for 0). */
    static void createStreamWithRecords(LocalServerExtension server, String stream, int count)
            throws InterruptedException {
        AwsConfig aws =
                AwsConfig.fromMap(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.endpoint", server.endpoint().toString(),
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "AKIDTEST",
                                "aws.credentials.basic.secretkey", "test"));
        try (KinesisClient kinesis =
                AwsClients.configure(KinesisClient.builder(), aws)
                        .httpClient(AwsClients.syncHttpClient(aws))
                        .build()) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (kinesis.describeStreamSummary(r -> r.streamName(stream))
                            .streamDescriptionSummary()
                            .streamStatus()
                    != StreamStatus.ACTIVE) {
                assertThat(System.nanoTime()).as("stream active within 30 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            if (count == 0) {
                return;
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String json = "{\"order_id\": " + i + ", \"customer\": \"c" + (i % 3) + "\"}";
                entries.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey("k" + i)
                                .data(SdkBytes.fromString(json, StandardCharsets.UTF_8))
                                .build());
            }
            assertThat(
                            kinesis.putRecords(r -> r.streamName(stream).records(entries))
                                    .failedRecordCount())
                    .isZero();
        }
    }

    @Test
    void aLaterSessionReadsTheStreamThroughTheTableStoredInGlue() throws Exception {
        MOTO.resetMoto();
        createStreamWithRecords(KINESIS, STREAM, 20);

        TableEnvironment first = session();
        first.executeSql(
                "CREATE TABLE glue.`default`.orders (\n"
                        + "  order_id BIGINT,\n"
                        + "  customer STRING,\n"
                        + "  shard STRING METADATA FROM 'shard-id' VIRTUAL,\n"
                        + "  seq STRING METADATA FROM 'sequence-number' VIRTUAL,\n"
                        + "  arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,\n"
                        + "  WATERMARK FOR arrival AS arrival - INTERVAL '1' SECOND\n"
                        + ") WITH ('connector'='kinesis', 'stream.arn'='"
                        + STREAM
                        + "', 'format'='json', 'source.init.position'='TRIM_HORIZON',"
                        + " 'source.stop.position'='LATEST')");

        // a separate session with a new catalog instance: only Glue connects it to the first
        TableEnvironment later = session();
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it =
                later.executeSql("SELECT order_id, customer, shard, seq FROM glue.`default`.orders")
                        .collect()) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(20);
        assertThat(rows)
                .extracting(r -> (Long) r.getField(0))
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(rows)
                .allSatisfy(
                        r -> {
                            assertThat(r.getField(1)).isEqualTo("c" + ((Long) r.getField(0) % 3));
                            assertThat(r.getField(2)).isEqualTo("shardId-000000000000");
                            assertThat((String) r.getField(3)).isNotBlank();
                        });
    }

    @Test
    void inheritedSecretsReachTheConnectorButAreNeverShownAndOtherConnectorsStillWork()
            throws Exception {
        MOTO.resetMoto();
        createStreamWithRecords(KINESIS, "glue-events", 5);
        TableEnvironment first = session();
        first.executeSql(
                "CREATE TABLE glue.`default`.events (order_id BIGINT, customer STRING)"
                        + " WITH ('connector'='kinesis', 'stream.arn'='"
                        + "glue-events"
                        + "', 'format'='json', 'source.init.position'='TRIM_HORIZON',"
                        + " 'source.stop.position'='LATEST')");

        TableEnvironment later = session();
        // (a) neither SHOW CREATE TABLE nor the catalog's table holds the catalog's secret key
        String ddl =
                (String)
                        later.executeSql("SHOW CREATE TABLE glue.`default`.events")
                                .collect()
                                .next()
                                .getField(0);
        assertThat(ddl)
                .contains("'aws.credentials.basic.accesskeyid' = 'AKIDTEST'")
                .doesNotContain(GlueCatalogITCase.SECRET)
                .doesNotContain("aws.credentials.basic.secretkey");
        Map<String, String> options =
                later.getCatalog("glue")
                        .orElseThrow()
                        .getTable(new ObjectPath("default", "events"))
                        .getOptions();
        assertThat(options).containsEntry("aws.credentials.provider", "BASIC");
        assertThat(options.values()).doesNotContain(GlueCatalogITCase.SECRET);
        later.executeSql("CREATE TABLE copied WITH ('format'='json') LIKE glue.`default`.events");
        assertThat(
                        later.getCatalog("default_catalog")
                                .orElseThrow()
                                .getTable(new ObjectPath("default_database", "copied"))
                                .getOptions()
                                .values())
                .doesNotContain(GlueCatalogITCase.SECRET);

        // (b) the query still works: BASIC credentials without the secret key would be refused
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it =
                later.executeSql("SELECT order_id FROM glue.`default`.events").collect()) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows)
                .extracting(r -> (Long) r.getField(0))
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);

        // (c) tables of other connectors in the catalog are created by their own factories
        later.executeSql(
                "CREATE TABLE glue.`default`.numbers (id BIGINT) WITH ('connector'='datagen',"
                        + " 'fields.id.kind'='sequence', 'fields.id.start'='1',"
                        + " 'fields.id.end'='4', 'number-of-rows'='4')");
        later.executeSql(
                "CREATE TABLE glue.`default`.nowhere (id BIGINT) WITH ('connector'='blackhole')");
        later.executeSql("INSERT INTO glue.`default`.nowhere SELECT id FROM glue.`default`.numbers")
                .await();
        List<Row> numbers = new ArrayList<>();
        try (CloseableIterator<Row> it =
                later.executeSql("SELECT id FROM glue.`default`.numbers").collect()) {
            it.forEachRemaining(numbers::add);
        }
        assertThat(numbers)
                .extracting(r -> (Long) r.getField(0))
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L);

        // ALTER TABLE on an inheriting table is not refused for a secret the user never wrote
        later.executeSql(
                        "ALTER TABLE glue.`default`.events SET"
                                + " ('aws.credentials.provider'='PROFILE',"
                                + " 'aws.credentials.profile.name'='dev')")
                .await();
        assertThat(
                        later.getCatalog("glue")
                                .orElseThrow()
                                .getTable(new ObjectPath("default", "events"))
                                .getOptions())
                .containsEntry("aws.credentials.provider", "PROFILE")
                .containsEntry("aws.credentials.profile.name", "dev")
                .doesNotContainKey("aws.credentials.basic.secretkey");
    }
}
