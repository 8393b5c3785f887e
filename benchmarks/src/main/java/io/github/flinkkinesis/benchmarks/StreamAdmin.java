package io.github.flinkkinesis.benchmarks;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The harness's own (unmeasured) Kinesis calls: creating the benchmark streams and checking
 * afterwards what a sink wrote. Also builds the SDK clients of the raw loops, so every client of
 * the benchmark is configured alike (CBOR is off through the JVM property set by the launcher).
 */
public final class StreamAdmin implements AutoCloseable {

    private final KinesisClient kinesis;

    public StreamAdmin(URI endpoint) {
        this.kinesis = client(endpoint);
    }

    /** A synchronous Kinesis client for {@code endpoint} with placeholder credentials. */
    public static KinesisClient client(URI endpoint) {
        AwsConfig config =
                AwsConfig.fromMap(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.endpoint", endpoint.toString(),
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "bench",
                                "aws.credentials.basic.secretkey", "bench"));
        return AwsClients.configure(KinesisClient.builder(), config)
                .httpClient(AwsClients.syncHttpClient(config))
                .build();
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    /** Creates a stream with {@code shards} shards and waits until it is ACTIVE. */
    public void createStream(String name, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            StreamStatus status =
                    kinesis.describeStreamSummary(b -> b.streamName(name))
                            .streamDescriptionSummary()
                            .streamStatus();
            if (status == StreamStatus.ACTIVE) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("stream " + name + " did not become ACTIVE within 60 s");
    }

    /**
     * Deletes a stream and its records. kinesalite keeps every record in memory and answers only
     * once they are gone, so a run of several million rows stays within the server's heap and the
     * deletion's CPU never falls into the next phase's window.
     */
    public void deleteStream(String name) {
        kinesis.deleteStream(b -> b.streamName(name));
    }

    public List<String> shardIds(String stream) {
        return new ShardLister(kinesis).shardIds(stream);
    }

    /** Lists a stream's shard ids (kinesalite returns them all in one page). */
    public record ShardLister(KinesisClient kinesis) {
        public List<String> shardIds(String stream) {
            List<String> ids = new ArrayList<>();
            for (Shard s : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                ids.add(s.shardId());
            }
            return ids;
        }
    }

    /** What a stream holds: record count and distinct ids 1..expected found in it. */
    public record Contents(long records, long distinctIds, long bytes) {}

    /** Reads the whole stream once (TRIM_HORIZON to the tip) and counts what it holds. */
    public Contents readAll(String stream, long expected) {
        BitSet ids = new BitSet();
        long records = 0;
        long bytes = 0;
        for (String shard : shardIds(stream)) {
            String iterator =
                    kinesis.getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shard)
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(it).limit(10_000));
                for (Record rec : r.records()) {
                    records++;
                    SdkBytes data = rec.data();
                    byte[] b = data.asByteArrayUnsafe();
                    bytes += b.length;
                    long id = BenchRows.idOf(b);
                    if (id >= 1 && id <= expected) {
                        ids.set((int) id);
                    }
                }
                if (r.records().isEmpty()
                        && (r.millisBehindLatest() == null || r.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = r.nextShardIterator();
            }
        }
        return new Contents(records, ids.cardinality(), bytes);
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
