package io.github.flinkkinesis.examples;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Demo set-up against a local Kinesis server: creates the stream, which a real AWS account would
 * already have (the connector reads and writes streams; it does not create them).
 */
public final class DemoStreams implements AutoCloseable {

    /** One sample event; its user is its partition key. */
    public record Event(long id, String user, String action, String amount) {}

    /** The events that sql/02-write-events.sql writes with INSERT (the demo's expected rows). */
    public static final List<Event> EVENTS =
            List.of(
                    new Event(1, "alice", "login", "0.00"),
                    new Event(2, "bob", "view", "0.00"),
                    new Event(3, "alice", "purchase", "19.99"),
                    new Event(4, "carol", "login", "0.00"),
                    new Event(5, "bob", "purchase", "5.49"),
                    new Event(6, "dave", "view", "0.00"),
                    new Event(7, "carol", "purchase", "42.00"),
                    new Event(8, "alice", "logout", "0.00"));

    private final KinesisClient kinesis;

    public DemoStreams(URI endpoint) {
        this.kinesis =
                KinesisClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("demo", "demo")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
    }

    /** The client this set-up uses, for callers that put or read records themselves. */
    public KinesisClient client() {
        return kinesis;
    }

    /** Creates a stream and waits until it is ACTIVE. */
    public void createStream(String name, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            StreamStatus status =
                    kinesis.describeStreamSummary(b -> b.streamName(name))
                            .streamDescriptionSummary()
                            .streamStatus();
            if (status == StreamStatus.ACTIVE) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("stream " + name + " did not become ACTIVE within 30 s");
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
