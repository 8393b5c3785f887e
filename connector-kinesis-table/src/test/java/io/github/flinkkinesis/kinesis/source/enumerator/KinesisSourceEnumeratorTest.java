package io.github.flinkkinesis.kinesis.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.aws.AwsSetupException;
import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.ShardAssigner;
import io.github.flinkkinesis.kinesis.source.TestSources;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import io.github.flinkkinesis.kinesis.testutil.CapturedLogs;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.SdkErrors;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/** Parent/child assignment over split and merge graphs, with a fake stream. */
class KinesisSourceEnumeratorTest {

    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";
    private static final String S3 = "shardId-000000000003";
    private static final long NOW = 1_700_000_000_000L;

    private FakeStreamProxy proxy;
    private TestingSplitEnumeratorContext<KinesisShardSplit> context;

    @BeforeEach
    void setUp() {
        proxy = new FakeStreamProxy();
        context = new TestingSplitEnumeratorContext<>(2);
        context.registerReader(0, "localhost");
        context.registerReader(1, "localhost");
    }

    private KinesisSourceEnumerator enumerator(KinesisSourceConfig config) {
        return enumerator(config, KinesisEnumeratorState.initial());
    }

    private KinesisSourceEnumerator enumerator(
            KinesisSourceConfig config, KinesisEnumeratorState state) {
        return new KinesisSourceEnumerator(context, config, proxy, state, () -> NOW);
    }

    private static KinesisSourceConfig config(StartingPosition initial) {
        return TestSources.builder(new FakeStreamProxy()).initialPosition(initial).build().config();
    }

    /** One discovery round that listed the fake's (default) stream whole. */
    static ShardDiscovery.Round listed(FakeStreamProxy proxy) {
        return ShardDiscovery.Round.complete(
                Map.of(TestSplits.STREAM, proxy.listShards(TestSplits.STREAM)));
    }

    private void discover(KinesisSourceEnumerator enumerator) {
        enumerator.onShardsListed(listed(proxy), null);
    }

    private Set<String> assignedTo(int reader) {
        if (!context.getSplitAssignments().containsKey(reader)) {
            return Set.of();
        }
        return context.getSplitAssignments().get(reader).getAssignedSplits().stream()
                .map(KinesisShardSplit::shardId)
                .collect(Collectors.toSet());
    }

    private List<KinesisShardSplit> allAssigned() {
        return context.getSplitAssignments().values().stream()
                .flatMap(s -> s.getAssignedSplits().stream())
                .collect(Collectors.toList());
    }

    private Set<String> allAssignedIds() {
        return allAssigned().stream().map(KinesisShardSplit::shardId).collect(Collectors.toSet());
    }

    @Test
    void childrenOfASplitWaitForTheirParent() {
        proxy.addShard(S0).closeShard(S0).addShard(S1, S0, null).addShard(S2, S0, null);
        KinesisSourceEnumerator enumerator =
                enumerator(
                        config(StartingPosition.trimHorizon()).toBuilder()
                                .shardAssigner(ShardAssigner.SHARD_ID_MODULO)
                                .build());
        discover(enumerator);

        assertThat(allAssignedIds()).containsExactly(S0);
        assertThat(assignedTo(0)).containsExactly(S0);

        enumerator.handleSourceEvent(0, new SplitsFinishedEvent(Set.of(TestSplits.id(S0))));
        assertThat(allAssignedIds()).containsExactlyInAnyOrder(S0, S1, S2);
        // shard number modulo parallelism spreads the children
        assertThat(assignedTo(1)).containsExactly(S1);
        assertThat(assignedTo(0)).containsExactlyInAnyOrder(S0, S2);
        assertThat(allAssigned())
                .allMatch(s -> s.startingPosition().equals(StartingPosition.trimHorizon()));
    }

    @Test
    void aShardFilterReadsOnlyTheNamedShardsNotTheirChildren() {
        proxy.addShard(S0).closeShard(S0).addShard(S1).addShard(S2, S0, null);
        KinesisSourceConfig onlyS0AndS2 =
                TestSources.builder(new FakeStreamProxy())
                        .initialPosition(StartingPosition.trimHorizon())
                        .build()
                        .config()
                        .toBuilder()
                        .onlyShards(Set.of(S0, S2))
                        .build();
        KinesisSourceEnumerator enumerator = enumerator(onlyS0AndS2);
        discover(enumerator);
        assertThat(allAssignedIds()).containsExactly(S0);

        // S2 still waits for its parent; S1 is never assigned, nor is S3, a child of S1
        proxy.closeShard(S1).addShard(S3, S1, null);
        discover(enumerator);
        assertThat(allAssignedIds()).containsExactly(S0);
        enumerator.handleSourceEvent(0, new SplitsFinishedEvent(Set.of(TestSplits.id(S0))));
        assertThat(allAssignedIds()).containsExactlyInAnyOrder(S0, S2);
        assertThat(enumerator.snapshotState(1L).unassigned()).isEmpty();
    }

    @Test
    void aNamedChildWhoseParentIsNotReadIsAssignedAtOnce() {
        proxy.addShard(S0).closeShard(S0).addShard(S1, S0, null);
        KinesisSourceConfig onlyS1 =
                config(StartingPosition.trimHorizon()).toBuilder().onlyShards(Set.of(S1)).build();
        discover(enumerator(onlyS1));
        assertThat(allAssignedIds()).containsExactly(S1);
    }

    @Test
    void childOfAMergeWaitsForBothParents() {
        proxy.addShard(S0).closeShard(S0).addShard(S1).closeShard(S1).addShard(S2, S0, S1);
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        discover(enumerator);
        assertThat(allAssignedIds()).containsExactlyInAnyOrder(S0, S1);

        enumerator.handleSourceEvent(0, new SplitsFinishedEvent(Set.of(TestSplits.id(S0))));
        assertThat(allAssignedIds()).doesNotContain(S2);

        enumerator.handleSourceEvent(1, new SplitsFinishedEvent(Set.of(TestSplits.id(S1))));
        assertThat(allAssignedIds()).contains(S2);
        KinesisShardSplit child =
                allAssigned().stream().filter(s -> s.shardId().equals(S2)).findFirst().get();
        assertThat(child.parentShardIds()).containsExactly(S0, S1);
    }

    @Test
    void splitsCarryTheHashKeyRangeListShardsReports() {
        String max = HashKeyRange.MAX_HASH_KEY.toString();
        proxy.addShard(S0)
                .hashKeyRange(S0, "0", "170141183460469231731687303715884105727")
                .addShard(S1)
                .hashKeyRange(S1, "170141183460469231731687303715884105728", max)
                .addShard(S2)
                .hashKeyRange(S2, "2", "1") // not a range: no filtering rather than a failure
                .addShard(S3); // none reported
        discover(enumerator(config(StartingPosition.trimHorizon())));

        assertThat(allAssigned())
                .extracting(s -> s.shardId() + " " + s.hashKeyRange())
                .containsExactlyInAnyOrder(
                        S0 + " [0, 170141183460469231731687303715884105727]",
                        S1 + " [170141183460469231731687303715884105728, " + max + "]",
                        S2 + " null",
                        S3 + " null");
    }

    @Test
    void aParentPastRetentionCountsAsFinished() {
        // S0 is no longer listed: only its child is
        proxy.addShard(S1, S0, null);
        discover(enumerator(config(StartingPosition.trimHorizon())));
        assertThat(allAssignedIds()).containsExactly(S1);
    }

    @Test
    void finishedShardsThatListShardsNoLongerReturnsAreForgotten() {
        proxy.addShard(S0).closeShard(S0).addShard(S1, S0, null).addShard(S2, S0, null);
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        discover(enumerator);
        enumerator.handleSourceEvent(0, new SplitsFinishedEvent(Set.of(TestSplits.id(S0))));
        assertThat(enumerator.snapshotState(1).finished()).containsExactly(TestSplits.id(S0));

        discover(enumerator); // S0 is still listed: it stays finished
        assertThat(enumerator.snapshotState(2).finished()).containsExactly(TestSplits.id(S0));

        proxy.expireShard(S0);
        discover(enumerator);
        KinesisEnumeratorState state = enumerator.snapshotState(3);
        assertThat(state.finished()).isEmpty();
        assertThat(state.assigned())
                .containsExactlyInAnyOrder(TestSplits.id(S1), TestSplits.id(S2));
        assertThat(state.unassigned()).isEmpty();
        // nothing is assigned twice
        assertThat(allAssigned()).hasSize(3);
    }

    @Test
    void latestSkipsShardsClosedAtStartAndLaterShardsStartAtTrimHorizon() {
        proxy.addShard(S0).closeShard(S0).addShard(S1, S0, null);
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.latest()));
        discover(enumerator);
        assertThat(allAssigned())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.shardId()).isEqualTo(S1);
                            // LATEST as of the job start, in a form a checkpoint can keep
                            assertThat(s.startingPosition())
                                    .isEqualTo(
                                            StartingPosition.atTimestamp(
                                                    java.time.Instant.ofEpochMilli(NOW)));
                        });

        // S1 is split later: its children were created after the job started
        proxy.closeShard(S1).addShard(S2, S1, null).addShard(S3, S1, null);
        discover(enumerator);
        assertThat(allAssignedIds()).containsExactly(S1);
        enumerator.handleSourceEvent(1, new SplitsFinishedEvent(Set.of(TestSplits.id(S1))));
        assertThat(allAssigned().stream().filter(s -> !s.shardId().equals(S1)))
                .hasSize(2)
                .allMatch(s -> s.startingPosition().equals(StartingPosition.trimHorizon()));
    }

    @Test
    void restoredEnumeratorDoesNotReassignAndStillWaitsForParents() {
        proxy.addShard(S0).closeShard(S0).addShard(S1, S0, null).addShard(S2);
        KinesisSourceEnumerator first = enumerator(config(StartingPosition.trimHorizon()));
        discover(first);
        KinesisEnumeratorState state = first.snapshotState(1L);
        assertThat(state.assigned())
                .containsExactlyInAnyOrder(TestSplits.id(S0), TestSplits.id(S2));
        assertThat(state.unassigned()).extracting(KinesisShardSplit::shardId).containsExactly(S1);

        context = new TestingSplitEnumeratorContext<>(2);
        context.registerReader(0, "localhost");
        context.registerReader(1, "localhost");
        KinesisSourceEnumerator restored =
                enumerator(config(StartingPosition.trimHorizon()), state);
        discover(restored);
        assertThat(allAssignedIds()).as("nothing assigned twice").isEmpty();

        restored.handleSourceEvent(0, new SplitsFinishedEvent(Set.of(TestSplits.id(S0))));
        assertThat(allAssignedIds()).containsExactly(S1);
        assertThat(restored.snapshotState(2L).finished()).containsExactly(TestSplits.id(S0));
    }

    @Test
    void splitsGivenBackAreAssignedAgainWhenTheReaderReturns() {
        proxy.addShard(S0).addShard(S1);
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        discover(enumerator);
        KinesisShardSplit resumed =
                allAssigned().stream()
                        .filter(s -> s.shardId().equals(S1))
                        .findFirst()
                        .get()
                        .withStartingPosition(StartingPosition.afterSequenceNumber("00007"));

        enumerator.addSplitsBack(List.of(resumed), 1);
        assertThat(enumerator.snapshotState(3L).unassigned()).containsExactly(resumed);

        enumerator.addReader(1);
        assertThat(context.getSplitAssignments().get(1).getAssignedSplits()).contains(resumed);
        assertThat(enumerator.snapshotState(4L).unassigned()).isEmpty();
    }

    @Test
    void aFinishedSplitGivenBackIsRecordedAsFinishedSoItsChildrenProceed() {
        proxy.addShard(S0).closeShard(S0).addShard(S1, S0, null);
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        discover(enumerator);
        KinesisShardSplit done =
                allAssigned().get(0).withStartingPosition(StartingPosition.shardEnd());

        enumerator.addSplitsBack(List.of(done), 0);
        enumerator.addReader(0);
        assertThat(allAssignedIds()).contains(S1);
        assertThat(enumerator.snapshotState(5L).finished()).containsExactly(TestSplits.id(S0));
    }

    @Test
    void boundedReadFixesTheStopAndSignalsNoMoreSplitsOnlyWhenAllAreAssigned() {
        proxy.addShard(S0).closeShard(S0).addShard(S1, S0, null).addShard(S2, S0, null);
        KinesisSourceConfig bounded =
                TestSources.builder(proxy)
                        .initialPosition(StartingPosition.trimHorizon())
                        .stopAtLatest()
                        .build()
                        .config();
        KinesisSourceEnumerator enumerator = enumerator(bounded);
        enumerator.start();
        context.triggerAllActions();

        assertThat(allAssigned())
                .singleElement()
                .satisfies(
                        s -> assertThat(s.stopCondition()).isEqualTo(StopCondition.latestAt(NOW)));
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isFalse();

        // a shard created after the start is not read by a bounded job
        proxy.addShard(S3);
        discover(enumerator);
        enumerator.handleSourceEvent(0, new SplitsFinishedEvent(Set.of(TestSplits.id(S0))));

        assertThat(allAssignedIds()).containsExactlyInAnyOrder(S0, S1, S2);
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isTrue();
        assertThat(context.getSplitAssignments().get(1).hasReceivedNoMoreSplitsSignal()).isTrue();
    }

    @Test
    void aFailingFirstDiscoveryFailsWithTheStreamName() {
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        assertThatThrownBy(
                        () -> enumerator.onShardsListed(null, new RuntimeException("Unreachable")))
                .hasMessageContaining("'test'")
                .hasMessageContaining("Unreachable");
    }

    @Test
    void aFailingFirstDiscoveryWaitsForEveryReaderBeforeFailingTheJob() {
        // FLINK-39330: failing while the job's tasks deploy can take down a whole TaskManager
        context = new TestingSplitEnumeratorContext<>(2);
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        enumerator.onShardsListed(
                null, new CompletionException(SdkErrors.service("ResourceNotFoundException", 400)));

        context.registerReader(0, "localhost");
        enumerator.addReader(0);
        context.registerReader(1, "localhost");
        assertThatThrownBy(() -> enumerator.addReader(1))
                .isInstanceOf(AwsSetupException.class)
                .hasMessageStartingWith("Kinesis stream 'test' does not exist");
        assertThat(context.getSplitAssignments()).isEmpty();
    }

    @Test
    void aMissingStreamAtFirstDiscoveryFailsWithOneSentenceSayingWhatToDo() {
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        assertThatThrownBy(
                        () ->
                                enumerator.onShardsListed(
                                        null,
                                        new CompletionException(
                                                SdkErrors.service(
                                                        "ResourceNotFoundException", 400))))
                .isInstanceOf(AwsSetupException.class)
                .hasMessageStartingWith("Kinesis stream 'test' does not exist (ListShards)")
                .hasMessageContaining("'stream.arn'")
                // the deepest cause, which SQL clients print, is this sentence
                .satisfies(e -> assertThat(e.getCause()).isNull())
                .satisfies(
                        e ->
                                assertThat(e.getSuppressed()[0])
                                        .hasNoCause()
                                        .hasMessageContaining(KinesisException.class.getName())
                                        .hasMessageContaining("ResourceNotFoundException"));
    }

    @Test
    void ownerIsTheShardNumberModuloParallelism() {
        assertThat(KinesisSourceEnumerator.ownerOf("shardId-000000000005", 2)).isEqualTo(1);
        assertThat(KinesisSourceEnumerator.ownerOf("shardId-000000000006", 4)).isEqualTo(2);
        assertThat(KinesisSourceEnumerator.ownerOf("odd-name", 3)).isBetween(0, 2);
    }

    @Test
    void closeClosesTheProxy() {
        enumerator(config(StartingPosition.trimHorizon())).close();
        assertThat(proxy.isClosed()).isTrue();
    }

    @Test
    void aDiscoveryInterruptedByClosingLogsNoWarning() {
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        discover(enumerator);
        try (CapturedLogs logs = new CapturedLogs(KinesisSourceEnumerator.class)) {
            enumerator.close();
            enumerator.onShardsListed(
                    null,
                    new RuntimeException("Thread was interrupted", new InterruptedException()));
            // an interrupt seen before close (the worker is stopped first) is quiet too
            KinesisSourceEnumerator open = enumerator(config(StartingPosition.trimHorizon()));
            discover(open);
            open.onShardsListed(
                    null,
                    new IllegalStateException(
                            "wrapped",
                            AbortedException.builder().message("Thread was interrupted").build()));
            assertThat(logs.lines()).noneMatch(line -> line.startsWith("WARN"));
        }
    }

    @Test
    void aFailingLaterDiscoveryStillWarns() {
        KinesisSourceEnumerator enumerator = enumerator(config(StartingPosition.trimHorizon()));
        discover(enumerator);
        try (CapturedLogs logs = new CapturedLogs(KinesisSourceEnumerator.class)) {
            enumerator.onShardsListed(null, new RuntimeException("Unreachable"));
            assertThat(logs.lines())
                    .anyMatch(line -> line.startsWith("WARN") && line.contains("retrying"));
        }
    }
}
