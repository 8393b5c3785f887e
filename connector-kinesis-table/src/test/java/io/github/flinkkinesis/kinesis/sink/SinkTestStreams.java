package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.testing.LocalServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Test helper for sink integration tests: creates streams on a local server and reads back every
 * record of every shard with the plain SDK (GetShardIterator TRIM_HORIZON + GetRecords), so the
 * sink is checked against what the server stored, not against our own source.
 */
final class SinkTestStreams implements AutoCloseable {

    /** A record as stored by the server. */
    record Stored(String shardId, String partitionKey, String data) {}

    private final Map<String, String> awsOptions;
    private final KinesisClient client;

    SinkTestStreams(LocalServerExtension server) {
        awsOptions = new LinkedHashMap<>();
        awsOptions.put("aws.region", "us-east-1");
        awsOptions.put("aws.endpoint", server.endpoint().toString());
        awsOptions.put("aws.credentials.provider", "BASIC");
        awsOptions.put("aws.credentials.basic.accesskeyid", "test");
        awsOptions.put("aws.credentials.basic.secretkey", "test");
        AwsConfig config = AwsConfig.fromMap(awsOptions);
        client =
                AwsClients.configure(KinesisClient.builder(), config)
                        .httpClient(AwsClients.syncHttpClient(config))
                        .build();
    }

    /** The aws.* options of a table on this server, as SQL WITH entries. */
    String withAws() {
        StringBuilder sb = new StringBuilder();
        awsOptions.forEach(
                (k, v) -> sb.append(",\n  '").append(k).append("' = '").append(v).append("'"));
        return sb.toString();
    }

    void create(String stream, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(stream).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.describeStreamSummary(b -> b.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stream " + stream + " did not become ACTIVE in 30 s");
            }
            Thread.sleep(20);
        }
    }

    List<Shard> shards(String stream) {
        return client.listShards(b -> b.streamName(stream)).shards();
    }

    /** Every record of every shard, oldest first per shard. */
    List<Stored> readAll(String stream) {
        List<Stored> result = new ArrayList<>();
        for (Shard shard : shards(stream)) {
            String iterator =
                    client.getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse response =
                        client.getRecords(b -> b.shardIterator(it).limit(10_000));
                for (Record r : response.records()) {
                    result.add(
                            new Stored(
                                    shard.shardId(),
                                    r.partitionKey(),
                                    new String(
                                            r.data().asByteArrayUnsafe(), StandardCharsets.UTF_8)));
                }
                // Caught up: everything written before this read has been returned.
                if (response.records().isEmpty()) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return result;
    }

    @Override
    public void close() {
        client.close();
    }
}
