package io.github.flinkkinesis.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads a stream with the SDK's GetRecords, as Kinesis reports it, independent of the connector:
 * every shard from its oldest record on. Each {@link #poll()} returns what arrived since the last
 * one (the shard iterators are kept), so a test can follow an output stream while a job writes to
 * it. The stream's shards must not change while it is read (no resharding here).
 */
final class StreamReader {

    /** One record as GetRecords returned it, and when this reader first saw it. */
    record KinesisRecord(
            String shardId,
            String sequenceNumber,
            String partitionKey,
            Instant arrival,
            String data,
            Instant seenAt) {}

    private final KinesisClient kinesis;
    private final String stream;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    StreamReader(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    /** The records that arrived since the last call, shard by shard, each shard in order. */
    List<KinesisRecord> poll() {
        if (iterators.isEmpty()) {
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                iterators.put(
                        shard.shardId(),
                        kinesis.getShardIterator(
                                        b ->
                                                b.streamName(stream)
                                                        .shardId(shard.shardId())
                                                        .shardIteratorType(
                                                                ShardIteratorType.TRIM_HORIZON))
                                .shardIterator());
            }
        }
        List<KinesisRecord> read = new ArrayList<>();
        for (Map.Entry<String, String> shard : iterators.entrySet()) {
            while (true) {
                String iterator = shard.getValue();
                GetRecordsResponse response =
                        kinesis.getRecords(b -> b.shardIterator(iterator).limit(10_000));
                Instant seenAt = Instant.now();
                shard.setValue(response.nextShardIterator());
                for (Record r : response.records()) {
                    read.add(
                            new KinesisRecord(
                                    shard.getKey(),
                                    r.sequenceNumber(),
                                    r.partitionKey(),
                                    r.approximateArrivalTimestamp(),
                                    r.data().asString(StandardCharsets.UTF_8),
                                    seenAt));
                }
                if (response.records().isEmpty()) {
                    break;
                }
            }
        }
        return read;
    }
}
