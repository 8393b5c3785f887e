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

    private static void createStreamWithRecords(int count) throws InterruptedException {
        AwsConfig aws =
                AwsConfig.fromMap(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.endpoint", KINESIS.endpoint().toString(),
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "AKIDTEST",
                                "aws.credentials.basic.secretkey", "test"));
        try (KinesisClient kinesis =
                AwsClients.configure(KinesisClient.builder(), aws)
                        .httpClient(AwsClients.syncHttpClient(aws))
                        .build()) {
            kinesis.createStream(r -> r.streamName(STREAM).shardCount(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (kinesis.describeStreamSummary(r -> r.streamName(STREAM))
                            .streamDescriptionSummary()
                            .streamStatus()
                    != StreamStatus.ACTIVE) {
                assertThat(System.nanoTime()).as("stream active within 30 s").isLessThan(deadline);
                Thread.sleep(100);
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
                            kinesis.putRecords(r -> r.streamName(STREAM).records(entries))
                                    .failedRecordCount())
                    .isZero();
        }
    }

    @Test
    void aLaterSessionReadsTheStreamThroughTheTableStoredInGlue() throws Exception {
        MOTO.resetMoto();
        createStreamWithRecords(20);

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
}
