package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherManager;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Spreads the shards of one source reader over up to {@code maxFetchers} fetcher threads, so that
 * up to that many GetRecords calls are in flight per reader. Each fetcher runs its own {@link
 * PollingSplitReader} (one call at a time, the per-shard pace is kept there); a shard stays with
 * the fetcher it was given until it finishes or is removed, so its records keep their order.
 *
 * <p>Lifecycle: fetchers are created lazily as shards arrive, never more than there are shards to
 * read: a new shard goes to an idle fetcher if there is one, else to a new fetcher while fewer than
 * {@code maxFetchers} run, else to the fetcher with the fewest shards (a restored split of a shard
 * that had already ended, which is only reported finished, never starts a fetcher of its own). The
 * base class shuts fetchers down once they have no shards left (e.g. after their shards were closed
 * by a reshard); later shards start new ones. All records go to the reader's one element queue.
 *
 * <p>Threads: splits are added and removed by the reader's task thread; a fetcher thread reports
 * its finished shards through the hook, so the shard-to-fetcher map is concurrent.
 */
@Internal
final class KinesisSplitFetcherManager extends SplitFetcherManager<Record, KinesisShardSplit> {

    private final int maxFetchers;
    private final Assignments assignments;

    public KinesisSplitFetcherManager(
            Supplier<SplitReader<Record, KinesisShardSplit>> splitReaderSupplier,
            Configuration configuration,
            int maxFetchers) {
        this(splitReaderSupplier, configuration, maxFetchers, new Assignments());
    }

    private KinesisSplitFetcherManager(
            Supplier<SplitReader<Record, KinesisShardSplit>> splitReaderSupplier,
            Configuration configuration,
            int maxFetchers,
            Assignments assignments) {
        super(splitReaderSupplier, configuration, assignments::finished);
        if (maxFetchers < 1) {
            throw new IllegalArgumentException("maxFetchers must be positive: " + maxFetchers);
        }
        this.maxFetchers = maxFetchers;
        this.assignments = assignments;
    }

    @Override
    public void addSplits(List<KinesisShardSplit> splitsToAdd) {
        Map<SplitFetcher<Record, KinesisShardSplit>, List<KinesisShardSplit>> batches =
                new LinkedHashMap<>();
        Set<SplitFetcher<Record, KinesisShardSplit>> created = new HashSet<>();
        for (KinesisShardSplit split : splitsToAdd) {
            SplitFetcher<Record, KinesisShardSplit> target = leastLoaded();
            // a restored split of a finished shard is only reported finished: no thread of its own
            boolean readsRecords = !split.startingPosition().isShardEnd();
            if (target == null
                    || (readsRecords
                            && assignments.load(target.fetcherId()) > 0
                            && fetchers.size() < maxFetchers)) {
                target = createSplitFetcher();
                created.add(target);
            }
            assignments.assign(split.splitId(), target.fetcherId());
            batches.computeIfAbsent(target, f -> new ArrayList<>()).add(split);
        }
        batches.forEach(
                (fetcher, splits) -> {
                    fetcher.addSplits(splits);
                    if (created.contains(fetcher)) {
                        startFetcher(fetcher);
                    }
                });
    }

    @Override
    public void removeSplits(List<KinesisShardSplit> splitsToRemove) {
        Map<Integer, List<KinesisShardSplit>> byFetcher = new LinkedHashMap<>();
        for (KinesisShardSplit split : splitsToRemove) {
            Integer fetcherId = assignments.fetcherOf(split.splitId());
            if (fetcherId != null) {
                byFetcher.computeIfAbsent(fetcherId, id -> new ArrayList<>()).add(split);
            }
        }
        byFetcher.forEach(
                (fetcherId, splits) -> {
                    SplitFetcher<Record, KinesisShardSplit> fetcher = fetchers.get(fetcherId);
                    if (fetcher != null) {
                        fetcher.removeSplits(splits);
                    }
                });
    }

    /**
     * The running fetcher with the fewest shards (counting those handed out by the current {@link
     * #addSplits} call: they are assigned at once, and a fetcher it created is already running), or
     * null if none runs.
     */
    private SplitFetcher<Record, KinesisShardSplit> leastLoaded() {
        SplitFetcher<Record, KinesisShardSplit> best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (SplitFetcher<Record, KinesisShardSplit> fetcher : fetchers.values()) {
            int load = assignments.load(fetcher.fetcherId());
            if (load < bestLoad || (load == bestLoad && fetcher.fetcherId() < best.fetcherId())) {
                best = fetcher;
                bestLoad = load;
            }
        }
        return best;
    }

    /** How many shards the fetcher with {@code fetcherId} holds (for tests). */
    int load(int fetcherId) {
        return assignments.load(fetcherId);
    }

    /** Which fetcher holds which shard; written by the task thread and the fetchers' hooks. */
    private static final class Assignments {
        private final Map<String, Integer> fetcherBySplit = new ConcurrentHashMap<>();

        void assign(String splitId, int fetcherId) {
            fetcherBySplit.put(splitId, fetcherId);
        }

        void finished(Collection<String> splitIds) {
            for (String id : splitIds) {
                fetcherBySplit.remove(id);
            }
        }

        Integer fetcherOf(String splitId) {
            return fetcherBySplit.get(splitId);
        }

        int load(int fetcherId) {
            int n = 0;
            for (Integer id : fetcherBySplit.values()) {
                if (id == fetcherId) {
                    n++;
                }
            }
            return n;
        }
    }
}
