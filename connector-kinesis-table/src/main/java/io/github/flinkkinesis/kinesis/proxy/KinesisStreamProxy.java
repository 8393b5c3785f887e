package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@link StreamProxy} on the AWS SDK's synchronous Kinesis client: the only class of the source
 * that calls the Kinesis SDK. It owns its client and HTTP client and closes both. Closing the
 * client also closes the credentials provider it was built with (and with it an assume-role STS
 * client).
 *
 * <p>The stream is addressed by ARN when the user gave an ARN and by name otherwise (kinesalite
 * rejects ARNs). ListShards pages are followed with NextToken; a server that ignores paging simply
 * returns no NextToken.
 */
@Internal
public final class KinesisStreamProxy implements StreamProxy {

    private final StreamId stream;
    private final SdkHttpClient httpClient;
    private final KinesisClient client;
    private final KinesisClient getRecordsClient;
    private final int listShardsPageSize;

    public KinesisStreamProxy(AwsConfig config, StreamId stream) {
        this(config, stream, 0);
    }

    /**
     * @param listShardsPageSize shards per ListShards page, or 0 for the server's default (tests
     *     use small pages to exercise paging)
     */
    KinesisStreamProxy(AwsConfig config, StreamId stream, int listShardsPageSize) {
        this.stream = stream;
        this.listShardsPageSize = listShardsPageSize;
        this.httpClient = AwsClients.syncHttpClient(config);
        this.client =
                AwsClients.configure(KinesisClient.builder().httpClient(httpClient), config)
                        .build();
        // GetRecords goes out once per call: the SDK's retries would be calls the reader does not
        // pace, beyond a shard's 5 calls per second; the reader backs off and retries instead
        this.getRecordsClient =
                AwsClients.configure(KinesisClient.builder().httpClient(httpClient), config, 1)
                        .build();
    }

    /** A serializable factory that builds a proxy where the job runs. */
    public static StreamProxyFactory factory(AwsConfig config, StreamId stream) {
        return new SdkFactory(config, stream);
    }

    /**
     * A named class, not a lambda: a serialized lambda records its method signature as a string,
     * which the SQL jar's relocation does not rewrite, so it would not deserialize there.
     */
    private static final class SdkFactory implements StreamProxyFactory {
        private static final long serialVersionUID = 1L;
        private final AwsConfig config;
        private final StreamId stream;

        SdkFactory(AwsConfig config, StreamId stream) {
            this.config = config;
            this.stream = stream;
        }

        @Override
        public StreamProxy create() {
            return new KinesisStreamProxy(config, stream);
        }
    }

    @Override
    public List<Shard> listShards() {
        List<Shard> shards = new ArrayList<>();
        ListShardsRequest.Builder first = ListShardsRequest.builder();
        if (stream.arn().isPresent()) {
            first.streamARN(stream.arn().get());
        } else {
            first.streamName(stream.name());
        }
        ListShardsResponse page = client.listShards(first.build());
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            // a request with NextToken must not name the stream again
            page =
                    client.listShards(
                            ListShardsRequest.builder().nextToken(page.nextToken()).build());
            shards.addAll(page.shards());
        }
        return shards;
    }

    @Override
    public String getShardIterator(String shardId, StartingPosition position) {
        GetShardIteratorRequest.Builder request =
                GetShardIteratorRequest.builder().shardId(shardId);
        if (stream.arn().isPresent()) {
            request.streamARN(stream.arn().get());
        } else {
            request.streamName(stream.name());
        }
        switch (position.type()) {
            case LATEST:
                request.shardIteratorType(ShardIteratorType.LATEST);
                break;
            case TRIM_HORIZON:
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                break;
            case AT_TIMESTAMP:
                request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(position.timestamp());
                break;
            case AFTER_SEQUENCE_NUMBER:
                // inside a KPL aggregate: read the record again, the emitter skips what was emitted
                request.shardIteratorType(
                                position.isInsideAggregatedRecord()
                                        ? ShardIteratorType.AT_SEQUENCE_NUMBER
                                        : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .startingSequenceNumber(position.sequenceNumber());
                break;
            default:
                throw new IllegalArgumentException(
                        "No shard iterator for position " + position + " of shard " + shardId);
        }
        return client.getShardIterator(request.build()).shardIterator();
    }

    @Override
    public GetRecordsResponse getRecords(String shardIterator, int limit) {
        return getRecordsClient.getRecords(
                GetRecordsRequest.builder().shardIterator(shardIterator).limit(limit).build());
    }

    @Override
    public void close() {
        client.close();
        getRecordsClient.close();
        httpClient.close();
    }
}
