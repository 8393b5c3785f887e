package io.github.flinkkinesis.kinesis.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.flinkkinesis.aws.AwsSetupException;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enumerator of a source of several streams, with a real {@link ShardDiscovery} running as
 * Flink runs it (periodic callables of the enumerator context) against a fake of several streams:
 * which streams are read, where their shards start, what a deleted stream leaves behind, and what
 * each discovery round asks ListShards for.
 */
class MultiStreamEnumeratorTest {

    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";

    private final FakeStreamProxy proxy = new FakeStreamProxy();
    private TestingSplitEnumeratorContext<KinesisShardSplit> context;

    @BeforeEach
    void readers() {
        context = new TestingSplitEnumeratorContext<>(2);
        context.registerReader(0, "localhost");
        context.registerReader(1, "localhost");
    }

    private KinesisSourceEnumerator started(KinesisSourceConfig config) {
        KinesisSourceEnumerator enumerator =
                new KinesisSourceEnumerator(
                        context, config, proxy, KinesisEnumeratorState.initial(), () -> 1_000L);
        enumerator.start();
        return enumerator;
    }

    /** Runs one discovery round and hands its result to the enumerator, as Flink does. */
    private void discoveryRound() {
        context.triggerAllActions();
    }

    private static KinesisSourceConfig.Builder config() {
        return KinesisSourceConfig.builder()
                .initialPosition(StartingPosition.trimHorizon())
                .shardDiscoveryInterval(Duration.ofSeconds(1));
    }

    private List<KinesisShardSplit> assigned() {
        List<KinesisShardSplit> all = new ArrayList<>();
        context.getSplitAssignments().values().forEach(a -> all.addAll(a.getAssignedSplits()));
        return all;
    }

    private Set<String> assignedIds() {
        return assigned().stream().map(KinesisShardSplit::splitId).collect(Collectors.toSet());
    }

    @Test
    void listedStreamsAreReadTogetherEachShardOnceUnderItsOwnSplitId() {
        proxy.stream("orders").addShard(S0).addShard(S1);
        proxy.stream("payments").addShard(S0);
        proxy.stream("unlisted").addShard(S0);
        KinesisSourceConfig config =
                config().streams(List.of(StreamId.parse("orders"), StreamId.parse("payments")))
                        .build();

        started(config);
        discoveryRound();

        assertThat(assignedIds())
                .containsExactlyInAnyOrder("orders/" + S0, "orders/" + S1, "payments/" + S0);
        assertThat(assigned())
                .allSatisfy(
                        s ->
                                assertThat(s.startingPosition())
                                        .isEqualTo(StartingPosition.trimHorizon()));
        // uniform over both streams: 2 and 1
        assertThat(context.getSplitAssignments().get(0).getAssignedSplits()).hasSize(2);
        assertThat(context.getSplitAssignments().get(1).getAssignedSplits()).hasSize(1);
        assertThat(proxy.calls()).doesNotContain("listStreams");
    }

    @Test
    void laterRoundsListOnlyTheShardsAfterTheHighestKnownOneAndEveryThirtiethRoundAll() {
        FakeStreamProxy orders = proxy.stream("orders");
        orders.addShard(S0).addShard(S1);
        KinesisSourceConfig config = config().streams(List.of(StreamId.parse("orders"))).build();
        started(config);

        discoveryRound();
        assertThat(proxy.calls()).containsExactly("listShards orders");

        proxy.calls().clear();
        orders.closeShard(S1).addShard(S2, S1, null);
        discoveryRound();
        assertThat(proxy.calls()).containsExactly("listShards orders after " + S1);
        // the child waits for its parent, then is read from its oldest record
        assertThat(assignedIds()).containsExactlyInAnyOrder("orders/" + S0, "orders/" + S1);

        proxy.calls().clear();
        for (int round = 3; round <= ShardDiscovery.FULL_LISTING_EVERY; round++) {
            discoveryRound();
        }
        assertThat(proxy.calls())
                .as("rounds 3 to 30 list after the newest shard")
                .hasSize(ShardDiscovery.FULL_LISTING_EVERY - 2)
                .containsOnly("listShards orders after " + S2);
        proxy.calls().clear();
        discoveryRound();
        assertThat(proxy.calls()).as("round 31 lists whole").containsExactly("listShards orders");
    }

    @Test
    void aPatternReadsStreamsFoundLaterFromTheirOldestRecordAndForgetsDeletedOnes() {
        proxy.stream("orders-eu").addShard(S0);
        proxy.stream("orders-us").addShard(S0).addShard(S1);
        proxy.stream("payments").addShard(S0);
        KinesisSourceConfig config =
                config().initialPosition(StartingPosition.latest())
                        .streamPattern("orders-.*")
                        .build();
        KinesisSourceEnumerator enumerator = started(config);

        discoveryRound();
        assertThat(assignedIds())
                .containsExactlyInAnyOrder("orders-eu/" + S0, "orders-us/" + S0, "orders-us/" + S1);
        assertThat(assigned())
                .as("streams there at the start begin at the job's start (LATEST)")
                .allSatisfy(
                        s ->
                                assertThat(s.startingPosition())
                                        .isEqualTo(
                                                StartingPosition.atTimestamp(
                                                        java.time.Instant.ofEpochMilli(1_000L))));

        proxy.stream("orders-ap").addShard(S0);
        discoveryRound();
        KinesisShardSplit later =
                assigned().stream()
                        .filter(s -> s.splitId().equals("orders-ap/" + S0))
                        .findFirst()
                        .orElseThrow();
        assertThat(later.startingPosition())
                .as("a stream created while the job runs is read from its oldest record")
                .isEqualTo(StartingPosition.trimHorizon());
        assertThat(later.stream()).isEqualTo(StreamId.parse("orders-ap"));

        // orders-eu's shard finishes at its reader, then the stream is deleted
        enumerator.handleSourceEvent(0, new SplitsFinishedEvent(Set.of("orders-eu/" + S0)));
        assertThat(enumerator.snapshotState(1L).finished()).contains("orders-eu/" + S0);
        proxy.deleteStream("orders-eu");
        discoveryRound();
        KinesisEnumeratorState state = enumerator.snapshotState(2L);
        assertThat(state.finished()).as("a deleted stream is forgotten").isEmpty();
        assertThat(state.assigned())
                .containsExactlyInAnyOrder("orders-us/" + S0, "orders-us/" + S1, "orders-ap/" + S0);
        assertThat(proxy.calls()).contains("listStreams").doesNotContain("listShards payments");
    }

    @Test
    void aListedStreamThatDoesNotExistFailsTheFirstDiscoveryNamingIt() {
        proxy.stream("orders").addShard(S0);
        proxy.deleteStream("gone");
        KinesisSourceConfig config =
                config().streams(List.of(StreamId.parse("orders"), StreamId.parse("gone"))).build();
        KinesisSourceEnumerator enumerator = started(config);
        // what the enumerator's discovery throws on the worker thread, handed to it as Flink does
        Throwable failure = catchThrowable(() -> new ShardDiscovery(config, proxy).discover());

        assertThatThrownBy(() -> enumerator.onShardsListed(null, failure))
                .isInstanceOf(AwsSetupException.class)
                .hasMessageStartingWith("Kinesis stream 'gone' does not exist (ListShards)");
        assertThat(context.getSplitAssignments()).isEmpty();
    }

    @Test
    void aStreamOfTheRestoredStateThatTheTableNoLongerListsIsDropped() {
        proxy.stream("orders").addShard(S0);
        StreamId old = StreamId.parse("old");
        KinesisShardSplit waiting =
                new KinesisShardSplit(
                        old,
                        S1,
                        StartingPosition.trimHorizon(),
                        io.github.flinkkinesis.kinesis.source.split.StopCondition.none(),
                        List.of(S0));
        KinesisEnumeratorState restored =
                new KinesisEnumeratorState(
                        List.of(waiting), Set.of(), Set.of("old/" + S0), true, Map.of());
        KinesisSourceEnumerator enumerator =
                new KinesisSourceEnumerator(
                        context,
                        config().streams(List.of(StreamId.parse("orders"))).build(),
                        proxy,
                        restored,
                        () -> 1_000L);
        enumerator.start();
        discoveryRound();

        KinesisEnumeratorState state = enumerator.snapshotState(1L);
        assertThat(state.unassigned()).isEmpty();
        assertThat(state.finished()).isEmpty();
        assertThat(state.assigned()).containsExactly("orders/" + S0);
    }
}
