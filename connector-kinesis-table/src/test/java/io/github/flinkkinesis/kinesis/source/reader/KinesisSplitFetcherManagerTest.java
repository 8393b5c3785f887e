package io.github.flinkkinesis.kinesis.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Record;

class KinesisSplitFetcherManagerTest {

    /** Every split reader the manager created, in creation order (= fetcher id order). */
    private final List<RecordingReader> readers = new CopyOnWriteArrayList<>();

    /** Splits the readers are to report finished at their next fetch. */
    private final Set<String> toFinish = ConcurrentHashMap.newKeySet();

    private KinesisSplitFetcherManager manager;

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close(10_000);
        }
    }

    private KinesisSplitFetcherManager manager(int maxFetchers) {
        manager =
                new KinesisSplitFetcherManager(
                        () -> {
                            RecordingReader r = new RecordingReader();
                            readers.add(r);
                            return r;
                        },
                        new Configuration(),
                        maxFetchers);
        return manager;
    }

    @Test
    void spreadsShardsOverAtMostMaxFetchersBalanced() throws Exception {
        manager(3).addSplits(splits("s0", "s1", "s2", "s3", "s4"));

        assertThat(manager.getNumAliveFetchers()).isEqualTo(3);
        assertThat(List.of(manager.load(0), manager.load(1), manager.load(2)))
                .containsExactly(2, 2, 1);
        awaitCondition(() -> addedCount() == 5);
        assertThat(readers.get(0).added).containsExactly("s0", "s3");
        assertThat(readers.get(1).added).containsExactly("s1", "s4");
        assertThat(readers.get(2).added).containsExactly("s2");

        manager.addSplits(splits("s5"));

        assertThat(manager.getNumAliveFetchers()).isEqualTo(3);
        assertThat(manager.load(2)).isEqualTo(2);
        awaitCondition(() -> readers.get(2).added.contains("s5"));
    }

    @Test
    void neverStartsMoreFetchersThanShards() {
        manager(4).addSplits(splits("s0", "s1"));

        assertThat(manager.getNumAliveFetchers()).isEqualTo(2);
        assertThat(readers).hasSize(2);
    }

    @Test
    void aRestoredFinishedShardStartsNoFetcherOfItsOwn() throws Exception {
        manager(4).addSplits(splits("s0"));
        manager.addSplits(
                List.of(
                        new KinesisShardSplit(
                                TestSplits.STREAM,
                                "ended",
                                StartingPosition.shardEnd(),
                                StopCondition.none(),
                                List.of())));

        assertThat(manager.getNumAliveFetchers()).isEqualTo(1);
        awaitCondition(() -> readers.get(0).added.contains("ended"));
    }

    @Test
    void removalGoesToTheFetcherHoldingTheShard() throws Exception {
        manager(2).addSplits(splits("s0", "s1", "s2"));
        awaitCondition(() -> addedCount() == 3);

        manager.removeSplits(splits("s1"));

        awaitCondition(() -> readers.get(1).removed.contains("s1"));
        // the fetcher reports the removal through the finished-split hook after its reader saw it
        awaitCondition(() -> manager.load(1) == 0);
        assertThat(readers.get(0).removed).isEmpty();
    }

    @Test
    void aFinishedShardFreesItsPlaceForTheNextShard() throws Exception {
        manager(2).addSplits(splits("s0", "s1", "s2"));
        awaitCondition(() -> addedCount() == 3);

        toFinish.add("s1");
        awaitCondition(() -> manager.load(1) == 0);
        manager.addSplits(splits("s3"));

        assertThat(manager.getNumAliveFetchers()).isEqualTo(2);
        assertThat(manager.load(1)).isEqualTo(1);
        awaitCondition(() -> readers.get(1).added.contains("s3"));
    }

    private int addedCount() {
        int n = 0;
        for (RecordingReader r : readers) {
            n += r.added.size();
        }
        return n;
    }

    /** Waits for {@code condition}, draining the element queue so that fetchers never block. */
    private void awaitCondition(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            RecordsWithSplitIds<Record> batch = manager.getQueue().poll();
            if (batch == null) {
                Thread.sleep(2);
            } else {
                batch.recycle();
            }
        }
    }

    private static List<KinesisShardSplit> splits(String... ids) {
        List<KinesisShardSplit> splits = new ArrayList<>();
        for (String id : ids) {
            splits.add(
                    new KinesisShardSplit(
                            TestSplits.STREAM,
                            id,
                            StartingPosition.trimHorizon(),
                            StopCondition.none(),
                            List.of()));
        }
        return splits;
    }

    /** Records the split changes it is given; finishes splits listed in {@link #toFinish}. */
    private final class RecordingReader implements SplitReader<Record, KinesisShardSplit> {
        final List<String> added = new CopyOnWriteArrayList<>();
        final List<String> removed = new CopyOnWriteArrayList<>();
        private final Map<String, Boolean> active = new ConcurrentHashMap<>();

        @Override
        public RecordsWithSplitIds<Record> fetch() throws java.io.IOException {
            RecordsBySplits.Builder<Record> result = new RecordsBySplits.Builder<>();
            for (String id : active.keySet()) {
                if (toFinish.remove(KinesisShardSplit.shardIdOf(id))) {
                    active.remove(id);
                    result.addFinishedSplit(id);
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result.build();
        }

        @Override
        public void handleSplitsChanges(SplitsChange<KinesisShardSplit> change) {
            for (KinesisShardSplit split : change.splits()) {
                if (change instanceof SplitsAddition) {
                    added.add(split.shardId());
                    active.put(split.splitId(), true);
                } else if (change instanceof SplitsRemoval) {
                    removed.add(split.shardId());
                    active.remove(split.splitId());
                }
            }
        }

        @Override
        public void wakeUp() {}

        @Override
        public void close() {}
    }
}
