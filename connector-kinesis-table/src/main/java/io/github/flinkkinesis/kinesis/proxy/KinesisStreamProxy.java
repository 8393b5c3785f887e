package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@link StreamProxy} on the AWS SDK's synchronous Kinesis client: the only class of the source
 * that calls the Kinesis SDK. It owns its client and HTTP client and closes both. Closing the
 * client also closes the credentials provider it was built with (and with it an assume-role STS
 * client).
 *
 * <p>A stream is addressed by ARN when the user gave an ARN and by name otherwise (kinesalite
 * rejects ARNs). ListShards and ListStreams pages are followed with NextToken; a server that
 * ignores paging simply returns no NextToken. Listing after a shard id uses ListShards'
 * ExclusiveStartShardId, which every Kinesis server here honours (AWS, kinesalite, kinesis-local);
 * on AWS it is the same as a ShardFilter of type AFTER_SHARD_ID.
 */
@Internal
public final class KinesisStreamProxy implements StreamProxy {

    private final SdkHttpClient httpClient;
    private final KinesisClient client;
    private final KinesisClient getRecordsClient;
    private final int listShardsPageSize;

    public KinesisStreamProxy(AwsConfig config) {
        this(config, 0);
    }

    /**
     * @param listShardsPageSize shards per ListShards page, or 0 for the server's default (tests
     *     use small pages to exercise paging)
     */
    KinesisStreamProxy(AwsConfig config, int listShardsPageSize) {
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
    public static StreamProxyFactory factory(AwsConfig config) {
        return new SdkFactory(config);
    }

    /**
     * A named class, not a lambda: a serialized lambda records its method signature as a string,
     * which the SQL jar's relocation does not rewrite, so it would not deserialize there.
     */
    private static final class SdkFactory implements StreamProxyFactory {
        private static final long serialVersionUID = 1L;
        private final AwsConfig config;

        SdkFactory(AwsConfig config) {
            this.config = config;
        }

        @Override
        public StreamProxy create() {
            return new KinesisStreamProxy(config);
        }
    }

    @Override
    public List<Shard> listShards(StreamId stream, @Nullable String afterShardId) {
        List<Shard> shards = new ArrayList<>();
        ListShardsRequest.Builder first =
                ListShardsRequest.builder().exclusiveStartShardId(afterShardId);
        if (listShardsPageSize > 0) {
            first.maxResults(listShardsPageSize);
        }
        if (stream.arn().isPresent()) {
            first.streamARN(stream.arn().get());
        } else {
            first.streamName(stream.name());
        }
        ListShardsResponse page = client.listShards(first.build());
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            // a request with NextToken must not name the stream again
            ListShardsRequest.Builder next =
                    ListShardsRequest.builder().nextToken(page.nextToken());
            if (listShardsPageSize > 0) {
                next.maxResults(listShardsPageSize);
            }
            page = client.listShards(next.build());
            shards.addAll(page.shards());
        }
        return shards;
    }

    @Override
    public List<String> listStreamNames() {
        List<String> names = new ArrayList<>();
        ListStreamsResponse page = client.listStreams(ListStreamsRequest.builder().build());
        names.addAll(page.streamNames());
        while (Boolean.TRUE.equals(page.hasMoreStreams()) && !page.streamNames().isEmpty()) {
            // NextToken where the server gives one (AWS), else the classic paging by last name
            ListStreamsRequest.Builder next = ListStreamsRequest.builder();
            if (page.nextToken() != null) {
                next.nextToken(page.nextToken());
            } else {
                next.exclusiveStartStreamName(
                        page.streamNames().get(page.streamNames().size() - 1));
            }
            page = client.listStreams(next.build());
            names.addAll(page.streamNames());
        }
        return names;
    }

    @Override
    public String getShardIterator(StreamId stream, String shardId, StartingPosition position) {
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
