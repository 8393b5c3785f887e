package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.KinesisPutRecordsProxy;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import io.github.flinkkinesis.kinesis.source.kpl.Deaggregated;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams.ShardRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The shard map of KPL aggregation against real servers: the sink's proxy lists exactly the open
 * shards with the ranges ListShards reports (kinesalite), and after a reshard (kinesis-local, which
 * closes the parent) an aggregate packed with the stale map is stored in a child shard, answered as
 * {@value KplAggregatingProxy#WRONG_SHARD}, and its user records, sent again with a fresh map, land
 * in the right children; a reader that drops the misplaced aggregate (ours, as the KCL does) reads
 * every user record exactly once.
 */
class KplAggregationReshardITCase {

    @RegisterExtension
    static final KinesisTestEnvironment KINESIS_LOCAL =
            KinesisTestEnvironment.kinesisLocal().withoutMiniCluster();

    @RegisterExtension
    static final KinesisTestEnvironment KINESALITE =
            KinesisTestEnvironment.kinesalite().withoutMiniCluster();

    private static PutRecordsProxy sdkProxy(KinesisTestEnvironment server, String stream) {
        return KinesisPutRecordsProxy.factory(
                        StreamId.parse(stream), AwsConfig.fromMap(server.awsOptions()))
                .create();
    }

    private static List<KinesisSinkEntry> userRecords(String prefix, int n) {
        List<KinesisSinkEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(
                    new KinesisSinkEntry(
                            (prefix + i).getBytes(StandardCharsets.UTF_8), prefix + i, null));
        }
        return entries;
    }

    private static Map<String, HashKeyRange> ranges(List<Shard> shards) {
        Map<String, HashKeyRange> ranges = new HashMap<>();
        for (Shard shard : shards) {
            ranges.put(shard.shardId(), HashKeyRange.ofNullable(shard.hashKeyRange()));
        }
        return ranges;
    }

    @Test
    void listsTheOpenShardsWithTheirRangesAndAnswersEachRecordsShard() {
        String stream = KINESALITE.newStream(4);
        try (PutRecordsProxy proxy = sdkProxy(KINESALITE, stream)) {
            assertThat(proxy.listOpenShards())
                    .isEqualTo(ranges(KINESALITE.streams().shards(stream)));

            List<KinesisSinkEntry> entries = userRecords("k", 20);
            PutRecordsResult result = proxy.putRecords(entries).join();
            Map<String, String> shardOfKey = new HashMap<>();
            for (ShardRecord stored : KINESALITE.streams().readAll(stream)) {
                shardOfKey.put(stored.partitionKey(), stored.shardId());
            }
            for (int i = 0; i < entries.size(); i++) {
                assertThat(result.shardId(i))
                        .isEqualTo(shardOfKey.get(entries.get(i).partitionKey()));
            }
        }
    }

    @Test
    void afterAReshardMisplacedAggregatesAreSentAgainAndReadOnce() {
        String stream = KINESIS_LOCAL.newStream(1);
        KinesisSinkMetrics metrics =
                new KinesisSinkMetrics(UnregisteredMetricsGroup.createSinkWriterMetricGroup());
        try (PutRecordsProxy proxy =
                new KplAggregatingProxy(
                        sdkProxy(KINESIS_LOCAL, stream),
                        KinesisSinkConfig.builder(stream).aggregationEnabled(true).build(),
                        metrics)) {
            List<KinesisSinkEntry> before = userRecords("before-", 40);
            assertThat(proxy.putRecords(before).join().failedCount()).isZero();

            KINESIS_LOCAL
                    .client()
                    .updateShardCount(
                            b ->
                                    b.streamName(stream)
                                            .targetShardCount(2)
                                            .scalingType(ScalingType.UNIFORM_SCALING));
            KINESIS_LOCAL.streams().waitActive(stream);
            assertThat(proxy.listOpenShards()).as("the two children, not the parent").hasSize(2);

            // packed with the map of one shard: stored in a child, answered as misplaced
            List<KinesisSinkEntry> after = userRecords("after-", 60);
            PutRecordsResult misplaced = proxy.putRecords(after).join();
            assertThat(misplaced.failedCount()).isEqualTo(after.size());
            for (int i = 0; i < after.size(); i++) {
                assertThat(misplaced.errorCode(i)).isEqualTo(KplAggregatingProxy.WRONG_SHARD);
            }
            assertThat(metrics.aggregatesInWrongShardCount()).isOne();

            // sent again: the map is listed again, one aggregate per child, each where it belongs
            PutRecordsResult again = proxy.putRecords(after).join();
            assertThat(again.failedCount()).isZero();
            assertThat(metrics.aggregatesInWrongShardCount()).isOne();
        }

        Map<String, HashKeyRange> ranges = ranges(KINESIS_LOCAL.streams().shards(stream));
        KplDeaggregator reader = new KplDeaggregator(new UnregisteredMetricsGroup());
        List<String> read = new ArrayList<>();
        int dropped = 0;
        for (ShardRecord stored : KINESIS_LOCAL.streams().readAll(stream)) {
            Deaggregated users =
                    reader.deaggregate(
                            stored.record(), "s", stored.shardId(), ranges.get(stored.shardId()));
            if (users instanceof Deaggregated.Dropped) {
                dropped++;
                continue;
            }
            for (var user : ((Deaggregated.UserRecords) users).records()) {
                read.add(user.partitionKey());
            }
        }
        assertThat(dropped).as("the misplaced aggregate").isOne();
        List<String> expected = new ArrayList<>();
        userRecords("before-", 40).forEach(e -> expected.add(e.partitionKey()));
        userRecords("after-", 60).forEach(e -> expected.add(e.partitionKey()));
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    }
}
