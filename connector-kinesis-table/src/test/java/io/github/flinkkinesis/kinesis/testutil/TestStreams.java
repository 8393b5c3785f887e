package io.github.flinkkinesis.kinesis.testutil;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Test-side access to a local Kinesis server: creates streams, puts records, and reads them back
 * with GetRecords so that tests can compare what the table delivers with what Kinesis reports.
 */
public final class TestStreams implements AutoCloseable {

    /** The access key id and secret key of the test clients; the local servers accept any. */
    static final String CREDENTIAL = "fake";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final URI endpoint;
    private final KinesisClient client;

    public TestStreams(URI endpoint) {
        this.endpoint = endpoint;
        this.client =
                KinesisClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(CREDENTIAL, CREDENTIAL)))
                        .build();
    }

    public KinesisClient client() {
        return client;
    }

    /** A unique stream name with {@code prefix}. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + COUNTER.incrementAndGet();
    }

    /** Creates a stream and waits until it is ACTIVE. */
    public String createStream(String name, int shards) {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        waitActive(name);
        return name;
    }

    public void waitActive(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            StreamStatus status =
                    client.describeStreamSummary(b -> b.streamName(name))
                            .streamDescriptionSummary()
                            .streamStatus();
            if (status == StreamStatus.ACTIVE) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("Stream " + name + " did not become ACTIVE in 30 s");
    }

    /** Puts the payloads (UTF-8) with the given partition keys, in batches of up to 500. */
    public void put(String stream, List<String> partitionKeys, List<byte[]> payloads) {
        for (int from = 0; from < payloads.size(); from += 500) {
            int to = Math.min(payloads.size(), from + 500);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < to; i++) {
                entries.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey(partitionKeys.get(i))
                                .data(SdkBytes.fromByteArray(payloads.get(i)))
                                .build());
            }
            PutRecordsResponse response =
                    client.putRecords(b -> b.streamName(stream).records(entries));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException(
                        "PutRecords failed for " + response.failedRecordCount() + " records");
            }
        }
    }

    /** Puts one record per (key, UTF-8 payload) pair, in order, one call each (keeps order). */
    public void putOneByOne(String stream, List<String> partitionKeys, List<String> payloads) {
        for (int i = 0; i < payloads.size(); i++) {
            String key = partitionKeys.get(i);
            byte[] data = payloads.get(i).getBytes(StandardCharsets.UTF_8);
            client.putRecord(
                    b -> b.streamName(stream).partitionKey(key).data(SdkBytes.fromByteArray(data)));
        }
    }

    /** Puts one record with PutRecord and returns its sequence number. */
    public String putRecord(String stream, String partitionKey, byte[] data) {
        return client.putRecord(
                        b ->
                                b.streamName(stream)
                                        .partitionKey(partitionKey)
                                        .data(SdkBytes.fromByteArray(data)))
                .sequenceNumber();
    }

    /** Puts the records with one PutRecords call and returns their sequence numbers in order. */
    public List<String> putRecords(String stream, List<String> partitionKeys, List<byte[]> data) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            entries.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey(partitionKeys.get(i))
                            .data(SdkBytes.fromByteArray(data.get(i)))
                            .build());
        }
        PutRecordsResponse response = client.putRecords(b -> b.streamName(stream).records(entries));
        List<String> sequenceNumbers = new ArrayList<>();
        response.records()
                .forEach(
                        r -> {
                            if (r.errorCode() != null) {
                                throw new IllegalStateException(
                                        "PutRecords failed: " + r.errorCode());
                            }
                            sequenceNumbers.add(r.sequenceNumber());
                        });
        return sequenceNumbers;
    }

    /**
     * Puts UTF-8 records, in order, into the shard whose hash key range holds {@code hashKey}, up
     * to 500 per PutRecords call.
     */
    public void putAllWithHashKey(String stream, String hashKey, List<String> payloads) {
        for (int from = 0; from < payloads.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (String payload : payloads.subList(from, Math.min(payloads.size(), from + 500))) {
                entries.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey("pk")
                                .explicitHashKey(hashKey)
                                .data(SdkBytes.fromUtf8String(payload))
                                .build());
            }
            PutRecordsResponse response =
                    client.putRecords(b -> b.streamName(stream).records(entries));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException(
                        "PutRecords failed for " + response.failedRecordCount() + " records");
            }
        }
    }

    /** Puts one UTF-8 record into the shard whose hash key range holds {@code hashKey}. */
    public void putWithHashKey(String stream, String hashKey, String payload) {
        client.putRecord(
                b ->
                        b.streamName(stream)
                                .partitionKey("pk")
                                .explicitHashKey(hashKey)
                                .data(SdkBytes.fromUtf8String(payload)));
    }

    /**
     * Puts one record into the shard whose hash key range holds {@code hashKey}, as the KPL puts an
     * aggregate into the shard it predicts; returns its sequence number.
     */
    public String putWithHashKey(String stream, String hashKey, byte[] data) {
        return client.putRecord(
                        b ->
                                b.streamName(stream)
                                        .partitionKey("outer")
                                        .explicitHashKey(hashKey)
                                        .data(SdkBytes.fromByteArray(data)))
                .sequenceNumber();
    }

    public static List<byte[]> utf8(List<String> values) {
        List<byte[]> bytes = new ArrayList<>(values.size());
        for (String v : values) {
            bytes.add(v.getBytes(StandardCharsets.UTF_8));
        }
        return bytes;
    }

    /** The shards of {@code stream}, as ListShards reports them. */
    public List<Shard> shards(String stream) {
        return client.listShards(b -> b.streamName(stream)).shards();
    }

    /** Every record of every shard from TRIM_HORIZON, oldest first per shard. */
    public List<ShardRecord> readAll(String stream) {
        List<ShardRecord> all = new ArrayList<>();
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
                GetRecordsResponse response = client.getRecords(b -> b.shardIterator(it));
                for (Record record : response.records()) {
                    all.add(new ShardRecord(shard.shardId(), record));
                }
                if (response.records().isEmpty()) {
                    break; // reached the tip of an open shard
                }
                iterator = response.nextShardIterator();
            }
        }
        return all;
    }

    public URI endpoint() {
        return endpoint;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** A record as the server stored it, and the shard it was read from. */
    public record ShardRecord(String shardId, Record record) {

        public String partitionKey() {
            return record.partitionKey();
        }

        /** The payload as UTF-8 text. */
        public String data() {
            return record.data().asUtf8String();
        }

        @Override
        public String toString() {
            return "ShardRecord[shardId="
                    + shardId
                    + ", partitionKey="
                    + partitionKey()
                    + ", sequenceNumber="
                    + record.sequenceNumber()
                    + ", data="
                    + data()
                    + "]";
        }
    }
}
