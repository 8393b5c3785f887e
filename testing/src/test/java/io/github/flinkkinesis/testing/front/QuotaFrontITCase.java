package io.github.flinkkinesis.testing.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.ServerKind;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The SDK's KinesisClient through the quota front to a real kinesalite: what the front answers is
 * what the SDK understands, what it lets through is what kinesalite stores, and its routing agrees
 * with kinesalite's.
 */
class QuotaFrontITCase {

    private static LocalServer kinesalite;
    private static KinesisClient direct;

    @BeforeAll
    static void startServer() {
        kinesalite = LocalServer.start(ServerKind.KINESALITE);
        direct = client(kinesalite.endpoint());
    }

    @AfterAll
    static void stopServer() {
        if (direct != null) {
            direct.close();
        }
        if (kinesalite != null) {
            kinesalite.close();
        }
    }

    /** A client that does not retry, so that each answer of the front reaches the test. */
    private static KinesisClient client(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("fake", "fake")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static String newStream(int shards) throws InterruptedException {
        String name = "front-" + UUID.randomUUID().toString().substring(0, 8);
        direct.createStream(b -> b.streamName(name).shardCount(shards));
        for (int i = 0; i < 100; i++) {
            if (direct.describeStreamSummary(b -> b.streamName(name))
                            .streamDescriptionSummary()
                            .streamStatus()
                    == StreamStatus.ACTIVE) {
                return name;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("stream " + name + " did not become ACTIVE");
    }

    private static List<PutRecordsRequestEntry> entries(int n, String prefix) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey(prefix + "-" + i)
                            .data(SdkBytes.fromUtf8String("{\"id\":" + i + "}"))
                            .build());
        }
        return entries;
    }

    /** All records of the stream, read from kinesalite directly: data by shard id. */
    private static Map<String, List<String>> readAll(String stream) {
        Map<String, List<String>> byShard = new HashMap<>();
        for (Shard shard : direct.listShards(b -> b.streamName(stream)).shards()) {
            String iterator =
                    direct.getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            List<String> data = byShard.computeIfAbsent(shard.shardId(), k -> new ArrayList<>());
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse r = direct.getRecords(b -> b.shardIterator(it));
                r.records().forEach(rec -> data.add(rec.data().asUtf8String()));
                iterator = r.records().isEmpty() ? null : r.nextShardIterator();
            }
        }
        return byShard;
    }

    @Test
    void putRecordsOverQuotaFailsPerEntryAndStoresTheRest() throws Exception {
        String stream = newStream(2);
        List<Shard> shards = direct.listShards(b -> b.streamName(stream)).shards();
        try (QuotaFront front =
                        QuotaFront.start(
                                kinesalite.endpoint(),
                                QuotaFrontConfig.aws().writeRecordsPerSecond(50));
                KinesisClient viaFront = client(front.endpoint())) {
            List<PutRecordsRequestEntry> entries = entries(300, "k");
            PutRecordsResponse response =
                    viaFront.putRecords(b -> b.streamName(stream).records(entries));

            assertThat(response.records()).hasSize(300);
            Map<String, Integer> storedPerShard = new HashMap<>();
            int failed = 0;
            for (int i = 0; i < 300; i++) {
                PutRecordsResultEntry result = response.records().get(i);
                String key = entries.get(i).partitionKey();
                String expectedShard = shardOf(shards, ShardMap.md5(key));
                if (result.errorCode() == null) {
                    assertThat(result.shardId())
                            .as("kinesalite's shard of key %s", key)
                            .isEqualTo(expectedShard);
                    storedPerShard.merge(result.shardId(), 1, Integer::sum);
                } else {
                    failed++;
                    assertThat(result.errorCode())
                            .isEqualTo("ProvisionedThroughputExceededException");
                    assertThat(result.errorMessage())
                            .startsWith(
                                    "Rate exceeded for shard "
                                            + expectedShard
                                            + " in stream "
                                            + stream);
                }
            }
            assertThat(response.failedRecordCount()).isEqualTo(failed);
            // each shard took its burst of one second (50 records, maybe one more refilled)
            assertThat(storedPerShard).hasSize(2);
            assertThat(storedPerShard.values()).allSatisfy(n -> assertThat(n).isBetween(50, 52));

            FrontCounts counts = front.counts();
            for (Map.Entry<String, Integer> e : storedPerShard.entrySet()) {
                assertThat(counts.shard(stream, e.getKey()).recordsAccepted())
                        .isEqualTo((long) e.getValue());
            }
            assertThat(counts.total(stream, ShardCounts::recordsThrottled)).isEqualTo(failed);
            assertThat(counts.unroutedRecords()).isZero();

            Map<String, List<String>> stored = readAll(stream);
            stored.forEach(
                    (shard, data) ->
                            assertThat(data).hasSize(storedPerShard.getOrDefault(shard, 0)));
        }
    }

    @Test
    void routingAgreesWithKinesaliteForExplicitHashKeysAndManyKeys() throws Exception {
        String stream = newStream(4);
        List<Shard> shards = direct.listShards(b -> b.streamName(stream)).shards();
        try (QuotaFront front = QuotaFront.start(kinesalite.endpoint(), QuotaFrontConfig.aws());
                KinesisClient viaFront = client(front.endpoint())) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>(entries(400, "route"));
            for (Shard s : shards) {
                entries.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey("x")
                                .explicitHashKey(s.hashKeyRange().endingHashKey())
                                .data(SdkBytes.fromUtf8String("ehk"))
                                .build());
            }
            PutRecordsResponse response =
                    viaFront.putRecords(b -> b.streamName(stream).records(entries));
            assertThat(response.failedRecordCount()).isZero();
            Map<String, Long> perShard = new HashMap<>();
            response.records().forEach(r -> perShard.merge(r.shardId(), 1L, Long::sum));
            for (Shard s : shards) {
                assertThat(front.counts().shard(stream, s.shardId()).recordsAccepted())
                        .as("front's count of %s", s.shardId())
                        .isEqualTo(perShard.get(s.shardId()));
            }
            for (int i = 400; i < entries.size(); i++) {
                assertThat(response.records().get(i).shardId())
                        .isEqualTo(shards.get(i - 400).shardId());
            }
        }
    }

    @Test
    void putRecordOverQuotaIsAWholeCallThrottle() throws Exception {
        String stream = newStream(1);
        try (QuotaFront front =
                        QuotaFront.start(
                                kinesalite.endpoint(),
                                QuotaFrontConfig.aws().writeRecordsPerSecond(2));
                KinesisClient viaFront = client(front.endpoint())) {
            for (int i = 0; i < 2; i++) {
                viaFront.putRecord(
                        b ->
                                b.streamName(stream)
                                        .partitionKey("p")
                                        .data(SdkBytes.fromUtf8String("x")));
            }
            assertThatThrownBy(
                            () ->
                                    viaFront.putRecord(
                                            b ->
                                                    b.streamName(stream)
                                                            .partitionKey("p")
                                                            .data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class)
                    .satisfies(e -> assertThat(((KinesisException) e).statusCode()).isEqualTo(400));
            assertThat(storedCount(stream)).isEqualTo(2);
        }
    }

    @Test
    void getRecordsIsThrottledByCallsAndByBytesAndViolationsAreCounted() throws Exception {
        String stream = newStream(1);
        String shardId = direct.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
        direct.putRecords(b -> b.streamName(stream).records(entries(20, "r")));
        try (QuotaFront front =
                        QuotaFront.start(
                                kinesalite.endpoint(),
                                QuotaFrontConfig.aws().readBytesPerSecond(20));
                KinesisClient viaFront = client(front.endpoint())) {
            String iterator =
                    viaFront.getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shardId)
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            // 20 records of 8-9 bytes at 20 bytes/s: the shard is busy for ~9 s after this read
            GetRecordsResponse first = viaFront.getRecords(b -> b.shardIterator(iterator));
            assertThat(first.records()).hasSize(20);
            for (int i = 0; i < 6; i++) {
                assertThatThrownBy(
                                () ->
                                        viaFront.getRecords(
                                                b -> b.shardIterator(first.nextShardIterator())))
                        .isInstanceOf(ProvisionedThroughputExceededException.class)
                        .hasMessageContaining("bytes read per second");
            }
            ShardCounts counts = front.counts().shard(stream, shardId);
            assertThat(counts.getRecordsAllowed()).isEqualTo(1);
            assertThat(counts.getRecordsThrottled()).isEqualTo(6);
            assertThat(counts.recordsRead()).isEqualTo(20);
            assertThat(counts.bytesRead())
                    .isEqualTo(
                            first.records().stream()
                                    .mapToLong(r -> r.data().asByteArray().length)
                                    .sum());
            // 7 calls within a second (the test makes them fast): calls 6 and 7 are violations
            assertThat(counts.getRecordsViolations()).isEqualTo(2);
        }
        try (QuotaFront front = QuotaFront.start(kinesalite.endpoint(), QuotaFrontConfig.aws());
                KinesisClient viaFront = client(front.endpoint())) {
            String iterator =
                    viaFront.getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shardId)
                                                    .shardIteratorType(ShardIteratorType.LATEST))
                            .shardIterator();
            int throttled = 0;
            for (int i = 0; i < 6; i++) {
                try {
                    viaFront.getRecords(b -> b.shardIterator(iterator));
                } catch (ProvisionedThroughputExceededException e) {
                    throttled++;
                    assertThat(e.getMessage()).contains("GetRecords calls per second");
                }
            }
            assertThat(throttled).isEqualTo(1);
            assertThat(front.counts().shard(stream, shardId).getRecordsThrottled()).isEqualTo(1);
        }
    }

    @Test
    void injectsFaultsTheSdkRecognises() throws Exception {
        String stream = newStream(1);
        try (QuotaFront front =
                        QuotaFront.start(
                                kinesalite.endpoint(),
                                QuotaFrontConfig.aws().internalFailureRate(1));
                KinesisClient viaFront = client(front.endpoint())) {
            assertThatThrownBy(
                            () ->
                                    viaFront.putRecords(
                                            b -> b.streamName(stream).records(entries(3, "f"))))
                    .isInstanceOf(KinesisException.class)
                    .satisfies(e -> assertThat(((KinesisException) e).statusCode()).isEqualTo(500))
                    .satisfies(
                            e ->
                                    assertThat(((KinesisException) e).awsErrorDetails().errorCode())
                                            .isEqualTo("InternalFailure"));
            assertThat(front.counts().faults().internalFailures()).isEqualTo(1);
        }
        try (QuotaFront front =
                        QuotaFront.start(
                                kinesalite.endpoint(),
                                QuotaFrontConfig.aws().entryFailureRate(0.5).seed(7));
                KinesisClient viaFront = client(front.endpoint())) {
            PutRecordsResponse response =
                    viaFront.putRecords(b -> b.streamName(stream).records(entries(100, "e")));
            long failed =
                    response.records().stream()
                            .filter(r -> "InternalFailure".equals(r.errorCode()))
                            .count();
            assertThat(failed)
                    .isBetween(25L, 75L)
                    .isEqualTo(response.failedRecordCount().longValue());
            assertThat(front.counts().faults().entryFailures()).isEqualTo(failed);
            assertThat(storedCount(stream)).isEqualTo(100 - (int) failed);
        }
        int before = storedCount(stream);
        try (QuotaFront front =
                        QuotaFront.start(
                                kinesalite.endpoint(),
                                QuotaFrontConfig.aws().connectionResetRate(1));
                KinesisClient viaFront = client(front.endpoint())) {
            assertThatThrownBy(
                            () ->
                                    viaFront.putRecords(
                                            b -> b.streamName(stream).records(entries(5, "c"))))
                    .isInstanceOf(SdkClientException.class);
            // the answer was lost, the records were stored
            assertThat(storedCount(stream)).isEqualTo(before + 5);
            assertThat(front.counts().faults().connectionResets()).isEqualTo(1);
            assertThat(front.counts().faults().recordsInLostAnswers()).isEqualTo(5);
        }
        try (QuotaFront front =
                        QuotaFront.start(
                                kinesalite.endpoint(),
                                QuotaFrontConfig.aws()
                                        .slowResponseRate(1)
                                        .slowResponseDelay(java.time.Duration.ofMillis(300)));
                KinesisClient viaFront = client(front.endpoint())) {
            long start = System.nanoTime();
            viaFront.putRecords(b -> b.streamName(stream).records(entries(1, "s")));
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(front.counts().faults().slowResponses()).isEqualTo(1);

            HttpResponse<String> counts =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    front.endpoint()
                                                            .resolve(QuotaFront.COUNTS_PATH))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(counts.statusCode()).isEqualTo(200);
            assertThat(counts.body())
                    .contains("\"slowResponses\":1")
                    .contains("\"stream\":\"" + stream + "\"");
        }
    }

    @Test
    void worksInFrontOfKinesisLocalToo() throws Exception {
        try (LocalServer kinesisLocal = LocalServer.start(ServerKind.KINESIS_LOCAL);
                KinesisClient admin = client(kinesisLocal.endpoint());
                QuotaFront front =
                        QuotaFront.start(
                                kinesisLocal.endpoint(),
                                QuotaFrontConfig.aws().writeRecordsPerSecond(20));
                KinesisClient viaFront = client(front.endpoint())) {
            String stream = "front-local";
            admin.createStream(b -> b.streamName(stream).shardCount(2));
            for (int i = 0;
                    admin.describeStreamSummary(b -> b.streamName(stream))
                                    .streamDescriptionSummary()
                                    .streamStatus()
                            != StreamStatus.ACTIVE;
                    i++) {
                assertThat(i).as("stream ACTIVE within 10 s").isLessThan(200);
                Thread.sleep(50);
            }
            List<Shard> shards = admin.listShards(b -> b.streamName(stream)).shards();
            List<PutRecordsRequestEntry> entries = entries(100, "local");
            PutRecordsResponse response =
                    viaFront.putRecords(b -> b.streamName(stream).records(entries));
            int stored = 0;
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry r = response.records().get(i);
                if (r.errorCode() == null) {
                    stored++;
                    assertThat(r.shardId())
                            .isEqualTo(
                                    shardOf(shards, ShardMap.md5(entries.get(i).partitionKey())));
                } else {
                    assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                }
            }
            assertThat(stored).isBetween(40, 44);
            assertThat(front.counts().total(stream, ShardCounts::recordsAccepted))
                    .isEqualTo(stored);

            String iterator =
                    viaFront.getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shards.get(0).shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            GetRecordsResponse read = viaFront.getRecords(b -> b.shardIterator(iterator));
            assertThat(read.records()).isNotEmpty();
            assertThat(front.counts().shard(stream, shards.get(0).shardId()).recordsRead())
                    .isEqualTo(read.records().size());
        }
    }

    /** How many records kinesalite holds in the stream. */
    private static int storedCount(String stream) {
        return readAll(stream).values().stream().mapToInt(List::size).sum();
    }

    private static String shardOf(List<Shard> shards, BigInteger hash) {
        for (Shard s : shards) {
            if (new BigInteger(s.hashKeyRange().startingHashKey()).compareTo(hash) <= 0
                    && new BigInteger(s.hashKeyRange().endingHashKey()).compareTo(hash) >= 0) {
                return s.shardId();
            }
        }
        throw new AssertionError("no shard holds " + hash);
    }
}
