package io.github.flinkkinesis.kinesis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The SDK proxy against both local servers: ListShards paging (kinesis-local pages, kinesalite
 * ignores paging and just returns no NextToken), and addressing a stream by ARN or by name.
 */
class KinesisStreamProxyITCase {

    @RegisterExtension
    static final KinesisTestEnvironment KINESIS_LOCAL =
            KinesisTestEnvironment.kinesisLocal().withoutMiniCluster();

    @RegisterExtension
    static final KinesisTestEnvironment KINESALITE =
            KinesisTestEnvironment.kinesalite().withoutMiniCluster();

    private static AwsConfig aws(KinesisTestEnvironment server) {
        return AwsConfig.fromMap(server.awsOptions());
    }

    private static List<String> ids(List<Shard> shards) {
        return shards.stream().map(Shard::shardId).sorted().collect(Collectors.toList());
    }

    @Test
    void pagesThroughListShardsAndReadsByArnOnKinesisLocal() {
        TestStreams streams = KINESIS_LOCAL.streams();
        String name = KINESIS_LOCAL.newStream(5);
        streams.putOneByOne(name, List.of("a"), List.of("hello"));
        String arn =
                streams.client()
                        .describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary()
                        .streamARN();
        assertThat(streams.client().listShards(b -> b.streamName(name).maxResults(2)).nextToken())
                .as("kinesis-local pages")
                .isNotNull();
        try (KinesisStreamProxy proxy = new KinesisStreamProxy(aws(KINESIS_LOCAL), 2)) {
            StreamId stream = StreamId.parse(arn);
            List<Shard> shards = proxy.listShards(stream);
            assertThat(ids(shards))
                    .hasSize(5)
                    .doesNotHaveDuplicates()
                    .isEqualTo(ids(streams.client().listShards(b -> b.streamName(name)).shards()));
            String text = readAll(proxy, stream, shards);
            // after a shard id: only the shards created after it, across pages
            assertThat(ids(proxy.listShards(stream, shards.get(1).shardId())))
                    .isEqualTo(ids(shards.subList(2, 5)));
            assertThat(text).isEqualTo("hello");
        }
    }

    @Test
    void kinesaliteIgnoresPagingAndIsAddressedByName() {
        TestStreams streams = KINESALITE.streams();
        String name = KINESALITE.newStream(3);
        streams.putOneByOne(name, List.of("a"), List.of("hi"));
        try (KinesisStreamProxy proxy = new KinesisStreamProxy(aws(KINESALITE), 2)) {
            StreamId stream = StreamId.parse(name);
            List<Shard> shards = proxy.listShards(stream);
            assertThat(ids(shards)).hasSize(3).doesNotHaveDuplicates();
            assertThat(readAll(proxy, stream, shards)).isEqualTo("hi");
            assertThat(ids(proxy.listShards(stream, shards.get(0).shardId())))
                    .isEqualTo(ids(shards.subList(1, 3)));
            assertThat(proxy.listStreamNames()).contains(name);
        }
    }

    @Test
    void aPositionInsideAnAggregatedRecordStartsAtThatRecord() {
        TestStreams streams = KINESALITE.streams();
        String name = KINESALITE.newStream(1);
        streams.putOneByOne(name, List.of("a", "b", "c"), List.of("r0", "r1", "r2"));
        String r1 = streams.readAll(name).get(1).record().sequenceNumber();
        try (KinesisStreamProxy proxy = new KinesisStreamProxy(aws(KINESALITE))) {
            StreamId stream = StreamId.parse(name);
            String shard = proxy.listShards(stream).get(0).shardId();
            assertThat(data(proxy, stream, shard, StartingPosition.afterSequenceNumber(r1, 0)))
                    .isEqualTo("r1r2");
            assertThat(data(proxy, stream, shard, StartingPosition.afterSequenceNumber(r1)))
                    .isEqualTo("r2");
        }
    }

    private static String data(
            StreamProxy proxy, StreamId stream, String shardId, StartingPosition position) {
        StringBuilder text = new StringBuilder();
        proxy.getRecords(proxy.getShardIterator(stream, shardId, position), 100)
                .records()
                .forEach(r -> text.append(r.data().asUtf8String()));
        return text.toString();
    }

    private static String readAll(StreamProxy proxy, StreamId stream, List<Shard> shards) {
        StringBuilder text = new StringBuilder();
        for (Shard shard : shards) {
            String iterator =
                    proxy.getShardIterator(stream, shard.shardId(), StartingPosition.trimHorizon());
            GetRecordsResponse response = proxy.getRecords(iterator, 100);
            response.records().forEach(r -> text.append(r.data().asUtf8String()));
        }
        return text.toString();
    }
}
