package io.github.flinkkinesis.benchmarks.jmh;

import io.github.flinkkinesis.benchmarks.BenchRows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The AWS SDK's own client-side cost per record, the floor under both connectors and the raw loop:
 * a GetRecords response of 1,000 records unmarshalled (JSON, base64) and a PutRecords request of
 * 500 records marshalled and signed, through a real SDK client whose HTTP client answers from
 * memory. Results are per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC", "-Daws.cborEnabled=false"})
public class SdkCodecBenchmark {

    private static final int GET_RECORDS = 1000;
    private static final int PUT_RECORDS = 500;

    private KinesisClient getClient;
    private KinesisClient putClient;
    private List<PutRecordsRequestEntry> putEntries;

    @Setup
    public void setup() {
        System.setProperty("aws.cborEnabled", "false");
        BenchRows gen = new BenchRows(17);
        StringBuilder get = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < GET_RECORDS; i++) {
            get.append(i == 0 ? "" : ",")
                    .append("{\"Data\":\"")
                    .append(Base64.getEncoder().encodeToString(gen.row(i + 1)))
                    .append("\",\"PartitionKey\":\"")
                    .append(gen.partitionKey())
                    .append(
                            "\",\"SequenceNumber\":\"4965673246501234567890123456789012345678901234")
                    .append(String.format("%010d", i))
                    .append("\",\"ApproximateArrivalTimestamp\":1789000000.")
                    .append(100 + i % 900)
                    .append("}");
        }
        get.append("],\"NextShardIterator\":\"AAAAAAAAAAE=\",\"MillisBehindLatest\":0}");
        getClient = client(get.toString().getBytes(StandardCharsets.UTF_8));

        StringBuilder put = new StringBuilder("{\"FailedRecordCount\":0,\"Records\":[");
        putEntries = new ArrayList<>(PUT_RECORDS);
        for (int i = 0; i < PUT_RECORDS; i++) {
            put.append(i == 0 ? "" : ",")
                    .append("{\"SequenceNumber\":\"49656732465012345678901234567890123456789012")
                    .append(String.format("%012d", i))
                    .append("\",\"ShardId\":\"shardId-00000000000")
                    .append(i % 4)
                    .append("\"}");
            putEntries.add(
                    PutRecordsRequestEntry.builder()
                            .data(SdkBytes.fromByteArrayUnsafe(gen.row(i + 1)))
                            .partitionKey(gen.partitionKey())
                            .build());
        }
        put.append("]}");
        putClient = client(put.toString().getBytes(StandardCharsets.UTF_8));
    }

    @TearDown
    public void tearDown() {
        getClient.close();
        putClient.close();
    }

    private static KinesisClient client(byte[] cannedResponse) {
        return KinesisClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("bench", "bench")))
                .httpClient(new CannedHttpClient(cannedResponse))
                .build();
    }

    @Benchmark
    @OperationsPerInvocation(GET_RECORDS)
    public GetRecordsResponse getRecordsUnmarshalPerRecord() {
        return getClient.getRecords(b -> b.shardIterator("AAAAAAAAAAE=").limit(10_000));
    }

    @Benchmark
    @OperationsPerInvocation(PUT_RECORDS)
    public PutRecordsResponse putRecordsMarshalPerRecord() {
        return putClient.putRecords(b -> b.streamName("bench").records(putEntries));
    }

    /** Reads the whole request body (as a socket would) and answers with the same bytes. */
    private static final class CannedHttpClient implements SdkHttpClient {
        private final byte[] response;

        CannedHttpClient(byte[] response) {
            this.response = response;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            body.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                    }
                    return HttpExecuteResponse.builder()
                            .response(
                                    SdkHttpResponse.builder()
                                            .statusCode(200)
                                            .putHeader("Content-Type", "application/x-amz-json-1.1")
                                            .putHeader(
                                                    "Content-Length",
                                                    Integer.toString(response.length))
                                            .build())
                            .responseBody(
                                    AbortableInputStream.create(new ByteArrayInputStream(response)))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public String clientName() {
            return "canned";
        }

        @Override
        public void close() {}
    }
}
