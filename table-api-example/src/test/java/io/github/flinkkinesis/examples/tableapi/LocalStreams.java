package io.github.flinkkinesis.examples.tableapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The test's own view of the local servers, through the plain SDK: streams created and read back
 * shard by shard as ListShards and GetRecords report them, and Glue clients.
 */
final class LocalStreams {

    /** Access key id and secret of the test clients and of the program; local servers take any. */
    static final String CREDENTIAL = "test";

    private LocalStreams() {}

    static KinesisClient client(URI endpoint) {
        AwsConfig aws = aws(endpoint);
        return AwsClients.configure(KinesisClient.builder(), aws)
                .httpClient(AwsClients.syncHttpClient(aws))
                .build();
    }

    static GlueClient glue(URI endpoint) {
        AwsConfig aws = aws(endpoint);
        return AwsClients.configure(GlueClient.builder(), aws)
                .httpClient(AwsClients.syncHttpClient(aws))
                .build();
    }

    private static AwsConfig aws(URI endpoint) {
        return AwsConfig.fromMap(
                Map.of(
                        "aws.region",
                        "us-east-1",
                        "aws.endpoint",
                        endpoint.toString(),
                        "aws.credentials.provider",
                        "BASIC",
                        "aws.credentials.basic.accesskeyid",
                        CREDENTIAL,
                        "aws.credentials.basic.secretkey",
                        CREDENTIAL));
    }

    /** Creates a stream and waits until it is ACTIVE. */
    static void create(KinesisClient kinesis, String stream, int shards)
            throws InterruptedException {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("%s active within 30 s", stream).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Every record of every shard (ListShards) from TRIM_HORIZON, oldest first per shard. */
    static List<ShardRecord> readAll(KinesisClient kinesis, String stream) {
        List<ShardRecord> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator =
                    kinesis.getShardIterator(
                                    r ->
                                            r.streamName(stream)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String from = iterator;
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(from));
                response.records()
                        .forEach(record -> all.add(new ShardRecord(shard.shardId(), record)));
                if (response.records().isEmpty()) {
                    break; // at the tip
                }
                iterator = response.nextShardIterator();
            }
        }
        return all;
    }

    /** A record and the shard GetRecords returned it from. */
    record ShardRecord(String shardId, Record record) {
        String data() {
            return record.data().asString(StandardCharsets.UTF_8);
        }
    }
}
