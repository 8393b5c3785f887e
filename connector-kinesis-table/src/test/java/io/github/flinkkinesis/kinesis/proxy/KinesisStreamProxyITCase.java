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
        try (KinesisStreamProxy proxy =
                new KinesisStreamProxy(aws(KINESIS_LOCAL), StreamId.parse(arn), 2)) {
            List<Shard> shards = proxy.listShards();
            assertThat(ids(shards))
                    .hasSize(5)
                    .doesNotHaveDuplicates()
                    .isEqualTo(ids(streams.client().listShards(b -> b.streamName(name)).shards()));
            String text = readAll(proxy, shards);
            assertThat(text).isEqualTo("hello");
        }
    }

    @Test
    void kinesaliteIgnoresPagingAndIsAddressedByName() {
        TestStreams streams = KINESALITE.streams();
        String name = KINESALITE.newStream(3);
        streams.putOneByOne(name, List.of("a"), List.of("hi"));
        try (KinesisStreamProxy proxy =
                new KinesisStreamProxy(aws(KINESALITE), StreamId.parse(name), 2)) {
            List<Shard> shards = proxy.listShards();
            assertThat(ids(shards)).hasSize(3).doesNotHaveDuplicates();
            assertThat(readAll(proxy, shards)).isEqualTo("hi");
        }
    }

    @Test
    void aPositionInsideAnAggregatedRecordStartsAtThatRecord() {
        TestStreams streams = KINESALITE.streams();
        String name = KINESALITE.newStream(1);
        streams.putOneByOne(name, List.of("a", "b", "c"), List.of("r0", "r1", "r2"));
        String r1 = streams.readAll(name).get(1).record().sequenceNumber();
        try (KinesisStreamProxy proxy =
                new KinesisStreamProxy(aws(KINESALITE), StreamId.parse(name))) {
            String shard = proxy.listShards().get(0).shardId();
            assertThat(data(proxy, shard, StartingPosition.afterSequenceNumber(r1, 0)))
                    .isEqualTo("r1r2");
            assertThat(data(proxy, shard, StartingPosition.afterSequenceNumber(r1)))
                    .isEqualTo("r2");
        }
    }

    private static String data(StreamProxy proxy, String shardId, StartingPosition position) {
        StringBuilder text = new StringBuilder();
        proxy.getRecords(proxy.getShardIterator(shardId, position), 100)
                .records()
                .forEach(r -> text.append(r.data().asUtf8String()));
        return text.toString();
    }

    private static String readAll(StreamProxy proxy, List<Shard> shards) {
        StringBuilder text = new StringBuilder();
        for (Shard shard : shards) {
            String iterator =
                    proxy.getShardIterator(shard.shardId(), StartingPosition.trimHorizon());
            GetRecordsResponse response = proxy.getRecords(iterator, 100);
            response.records().forEach(r -> text.append(r.data().asUtf8String()));
        }
        return text.toString();
    }
}
