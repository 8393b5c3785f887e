package io.github.flinkkinesis.kinesis.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.ShardAssigner;
import io.github.flinkkinesis.kinesis.source.TestSources;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/**
 * Open shards per reader subtask while a stream is split and merged again and again (a fake stream;
 * each round doubles or halves the open shards, parents finish, children are assigned): the uniform
 * assigner keeps every subtask within one open shard of the others, assigning shard number modulo
 * parallelism does not.
 */
class ShardAssignmentBalanceTest {

    private static final int PARALLELISM = 3;
    private static final int ROUNDS = 12;

    /** A stream being resharded, read by an enumerator with {@link #PARALLELISM} readers. */
    private static final class Resharding {
        final FakeStreamProxy proxy = new FakeStreamProxy();
        final TestingSplitEnumeratorContext<KinesisShardSplit> context =
                new TestingSplitEnumeratorContext<>(PARALLELISM);
        final KinesisSourceEnumerator enumerator;
        final List<String> open = new ArrayList<>();
        int nextShard;

        Resharding(ShardAssigner assigner, int initialShards) {
            for (int i = 0; i < PARALLELISM; i++) {
                context.registerReader(i, "localhost");
            }
            for (int i = 0; i < initialShards; i++) {
                open.add(addShard(null, null));
            }
            KinesisSourceConfig config =
                    TestSources.builder(new FakeStreamProxy())
                            .initialPosition(StartingPosition.trimHorizon())
                            .build()
                            .config()
                            .toBuilder()
                            .shardAssigner(assigner)
                            .build();
            enumerator =
                    new KinesisSourceEnumerator(
                            context, config, proxy, KinesisEnumeratorState.initial(), () -> 0L);
            enumerator.onShardsListed(KinesisSourceEnumeratorTest.listed(proxy), null);
        }

        private String addShard(String parent, String adjacentParent) {
            String id = String.format("shardId-%012d", nextShard++);
            proxy.addShard(id, parent, adjacentParent);
            return id;
        }

        /** Splits every open shard in two. */
        void doubleShards() {
            List<String> children = new ArrayList<>();
            for (String parent : open) {
                proxy.closeShard(parent);
                children.add(addShard(parent, null));
                children.add(addShard(parent, null));
            }
            finishAndReplace(children);
        }

        /** Merges the open shards two by two (an odd one out stays). */
        void halveShards() {
            List<String> next = new ArrayList<>();
            for (int i = 0; i + 1 < open.size(); i += 2) {
                proxy.closeShard(open.get(i)).closeShard(open.get(i + 1));
                next.add(addShard(open.get(i), open.get(i + 1)));
            }
            if (open.size() % 2 == 1) {
                next.add(open.get(open.size() - 1));
            }
            finishAndReplace(next);
        }

        /**
         * Splits one open shard, or merges two neighbours in the open list, as {@code rng} picks.
         */
        void splitOrMergeOne(Random rng) {
            List<String> next = new ArrayList<>(open);
            if (open.size() < 2 || rng.nextBoolean()) {
                String parent = open.get(rng.nextInt(open.size()));
                proxy.closeShard(parent);
                next.remove(parent);
                next.add(addShard(parent, null));
                next.add(addShard(parent, null));
            } else {
                int i = rng.nextInt(open.size() - 1);
                String a = open.get(i);
                String b = open.get(i + 1);
                proxy.closeShard(a).closeShard(b);
                next.remove(a);
                next.remove(b);
                next.add(addShard(a, b));
            }
            finishAndReplace(next);
        }

        private void finishAndReplace(List<String> next) {
            enumerator.onShardsListed(KinesisSourceEnumeratorTest.listed(proxy), null);
            List<String> closed = new ArrayList<>(open);
            closed.removeAll(next);
            enumerator.handleSourceEvent(
                    0,
                    new SplitsFinishedEvent(
                            closed.stream().map(TestSplits::id).collect(Collectors.toSet())));
            open.clear();
            open.addAll(next);
        }

        int spread() {
            int[] perSubtask = enumerator.openShardsPerSubtask();
            assertThat(Arrays.stream(perSubtask).sum()).isEqualTo(open.size());
            return Arrays.stream(perSubtask).max().getAsInt()
                    - Arrays.stream(perSubtask).min().getAsInt();
        }
    }

    /** The largest spread (max - min open shards per subtask) seen over the rounds. */
    private static int worstSpread(ShardAssigner assigner) {
        Resharding stream = new Resharding(assigner, 4);
        int worst = stream.spread();
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 3 == 2) {
                stream.halveShards();
            } else {
                stream.doubleShards();
                stream.halveShards();
            }
            worst = Math.max(worst, stream.spread());
        }
        return worst;
    }

    /** The largest spread over many single splits and merges picked by a seeded generator. */
    private static int worstSpreadOfSingleReshards(ShardAssigner assigner, long seed) {
        Resharding stream = new Resharding(assigner, 4);
        Random rng = new Random(seed);
        int worst = stream.spread();
        for (int round = 0; round < 40; round++) {
            stream.splitOrMergeOne(rng);
            worst = Math.max(worst, stream.spread());
        }
        return worst;
    }

    @Test
    void uniformKeepsEverySubtaskWithinOneOpenShardOfTheOthersWhenAllShardsAreResharded() {
        assertThat(worstSpread(ShardAssigner.UNIFORM)).isLessThanOrEqualTo(1);
    }

    @Test
    void afterSingleSplitsAndMergesUniformStaysCloseWhileShardIdModuloPilesUp() {
        int worstUniform = 0;
        int worstModulo = 0;
        for (long seed = 0; seed < 20; seed++) {
            worstUniform =
                    Math.max(
                            worstUniform, worstSpreadOfSingleReshards(ShardAssigner.UNIFORM, seed));
            worstModulo =
                    Math.max(
                            worstModulo,
                            worstSpreadOfSingleReshards(ShardAssigner.SHARD_ID_MODULO, seed));
        }
        // a merge of two shards of one subtask can leave it two behind until the next placement,
        // since open shards never move; placements always go to the emptiest subtask
        assertThat(worstUniform).isLessThanOrEqualTo(2);
        assertThat(worstModulo).isGreaterThan(worstUniform);
    }

    @Test
    void theOwnersSurviveACheckpointSoARestoredEnumeratorKeepsCounting() {
        Resharding stream = new Resharding(ShardAssigner.UNIFORM, 5);
        KinesisEnumeratorState state = stream.enumerator.snapshotState(1L);
        assertThat(state.owners()).hasSize(5);

        TestingSplitEnumeratorContext<KinesisShardSplit> context =
                new TestingSplitEnumeratorContext<>(PARALLELISM);
        KinesisSourceEnumerator restored =
                new KinesisSourceEnumerator(
                        context,
                        TestSources.builder(new FakeStreamProxy()).build().config(),
                        stream.proxy,
                        state,
                        () -> 0L);
        assertThat(restored.openShardsPerSubtask())
                .isEqualTo(stream.enumerator.openShardsPerSubtask());
    }
}
