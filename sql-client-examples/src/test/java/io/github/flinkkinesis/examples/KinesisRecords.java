package io.github.flinkkinesis.examples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** What the Kinesis API reports about a stream's records: ListShards, then GetRecords per shard. */
final class KinesisRecords {

    /** One record as GetRecords reports it, with the shard ListShards named. */
    record Stored(
            String shardId,
            String sequenceNumber,
            String partitionKey,
            Instant arrival,
            String data) {}

    private KinesisRecords() {}

    /** Every record of every shard, from the oldest to the newest. */
    static List<Stored> readAll(KinesisClient kinesis, String stream) {
        List<Stored> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator =
                    kinesis.getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current));
                response.records()
                        .forEach(
                                r ->
                                        records.add(
                                                new Stored(
                                                        shard.shardId(),
                                                        r.sequenceNumber(),
                                                        r.partitionKey(),
                                                        r.approximateArrivalTimestamp(),
                                                        r.data().asUtf8String())));
                if (response.records().isEmpty()) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return records;
    }
}
