package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * {@link PutRecordsProxy} on the SDK's {@link KinesisAsyncClient}, configured from the table's
 * {@code aws.*} options by {@link AwsClients} with a Netty HTTP client of the configured protocol.
 *
 * <p>Owns its client and HTTP client and closes both. Closing the client also closes the
 * credentials provider it was built with (and with it an assume-role STS client). The stream is
 * addressed by ARN when the table's {@code stream.arn} is one, by name otherwise (local emulators
 * such as kinesalite know names only). Record bytes are wrapped, not copied.
 */
@Internal
public final class KinesisPutRecordsProxy implements PutRecordsProxy {

    private final StreamId stream;
    private final SdkAsyncHttpClient httpClient;
    private final KinesisAsyncClient client;

    KinesisPutRecordsProxy(StreamId stream, AwsConfig config) {
        this.stream = stream;
        this.httpClient = AwsClients.asyncHttpClient(config);
        this.client =
                AwsClients.configure(KinesisAsyncClient.builder(), config)
                        .httpClient(httpClient)
                        .build();
    }

    /** A serializable factory for the writer; validation of the config happened in the planner. */
    public static Factory factory(StreamId stream, AwsConfig config) {
        return new SdkFactory(stream, config);
    }

    /**
     * A named class, not a lambda: a serialized lambda records its method signature as a string,
     * which the SQL jar's relocation does not rewrite, so it would not deserialize there.
     */
    private static final class SdkFactory implements Factory {
        private static final long serialVersionUID = 1L;
        private final StreamId stream;
        private final AwsConfig config;

        SdkFactory(StreamId stream, AwsConfig config) {
            this.stream = stream;
            this.config = config;
        }

        @Override
        public PutRecordsProxy create() {
            return new KinesisPutRecordsProxy(stream, config);
        }
    }

    @Override
    public CompletableFuture<PutRecordsResult> putRecords(List<KinesisSinkEntry> entries) {
        List<PutRecordsRequestEntry> records = new ArrayList<>(entries.size());
        for (KinesisSinkEntry entry : entries) {
            records.add(
                    PutRecordsRequestEntry.builder()
                            .data(SdkBytes.fromByteArrayUnsafe(entry.data()))
                            .partitionKey(entry.partitionKey())
                            .explicitHashKey(entry.explicitHashKey())
                            .build());
        }
        PutRecordsRequest.Builder request = PutRecordsRequest.builder().records(records);
        if (stream.arn().isPresent()) {
            request.streamARN(stream.arn().get());
        } else {
            request.streamName(stream.name());
        }
        return client.putRecords(request.build()).thenApply(KinesisPutRecordsProxy::toResult);
    }

    private static PutRecordsResult toResult(PutRecordsResponse response) {
        List<PutRecordsResultEntry> results = response.records();
        List<String> shardIds = new ArrayList<>(results.size());
        for (PutRecordsResultEntry result : results) {
            shardIds.add(result.shardId());
        }
        Integer failed = response.failedRecordCount();
        if (failed == null || failed == 0) {
            return PutRecordsResult.allSucceeded(shardIds);
        }
        List<String> codes = new ArrayList<>(results.size());
        List<String> messages = new ArrayList<>(results.size());
        for (PutRecordsResultEntry result : results) {
            codes.add(result.errorCode());
            messages.add(result.errorMessage());
        }
        return PutRecordsResult.partial(codes, messages, shardIds);
    }

    @Override
    public Map<String, HashKeyRange> listOpenShards() {
        Map<String, HashKeyRange> open = new LinkedHashMap<>();
        ListShardsRequest.Builder first = ListShardsRequest.builder();
        if (stream.arn().isPresent()) {
            first.streamARN(stream.arn().get());
        } else {
            first.streamName(stream.name());
        }
        ListShardsResponse page = join(client.listShards(first.build()));
        addOpen(page, open);
        while (page.nextToken() != null) {
            // a request with NextToken must not name the stream again
            page =
                    join(
                            client.listShards(
                                    ListShardsRequest.builder()
                                            .nextToken(page.nextToken())
                                            .build()));
            addOpen(page, open);
        }
        return open;
    }

    /** The answer, or the SDK's exception itself (not wrapped). */
    private static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    private static void addOpen(ListShardsResponse page, Map<String, HashKeyRange> open) {
        for (Shard shard : page.shards()) {
            HashKeyRange range = HashKeyRange.ofNullable(shard.hashKeyRange());
            boolean closed =
                    shard.sequenceNumberRange() != null
                            && shard.sequenceNumberRange().endingSequenceNumber() != null;
            if (range != null && !closed) {
                open.put(shard.shardId(), range);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        httpClient.close();
    }
}
