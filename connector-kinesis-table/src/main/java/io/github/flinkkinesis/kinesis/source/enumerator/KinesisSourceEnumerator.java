package io.github.flinkkinesis.kinesis.source.enumerator;

import io.github.flinkkinesis.aws.AwsSetupException;
import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.proxy.KinesisFailures;
import io.github.flinkkinesis.kinesis.proxy.StreamProxy;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.ShardAssigner;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Discovers the shards of one stream and hands each to exactly one reader, parents before children.
 *
 * <p>Shard lifecycle, as seen here:
 *
 * <ol>
 *   <li><b>discovered</b>: ListShards (on the coordinator's worker thread, periodically for an
 *       unbounded read, once for a bounded one) returned a shard id not seen before. It becomes an
 *       <i>unassigned</i> split that carries the shard's hash key range (against which the reader
 *       checks KPL aggregates). Shards of the first discovery start at the configured initial
 *       position; with LATEST, shards already closed then are marked finished without reading (they
 *       hold nothing newer) and open ones start AT_TIMESTAMP of that discovery, a position that
 *       survives a restore before their first record was read. Shards found later are children of a
 *       reshard and start at TRIM_HORIZON so that none of their records is lost.
 *   <li><b>assigned</b>: once every parent is finished (a parent ListShards no longer returns,
 *       because it is past retention, counts as finished), the split goes to the reader subtask
 *       that {@link ShardOwners} chooses (by default the one with the fewest open shards; ready
 *       splits are placed in hash key order), as soon as that reader is registered. From then on
 *       its position lives in that reader's checkpoints. A split a failed reader gives back returns
 *       to unassigned.
 *   <li><b>finished</b>: the reader read the shard to its end (or its stop condition) and sent a
 *       {@link SplitsFinishedEvent}. Children waiting for it may now be assigned.
 * </ol>
 *
 * <p>A source restricted to some shards ({@link KinesisSourceConfig#readsShard}, a filter on the
 * {@code shard-id} column) ignores every other shard: it is never discovered, so a listed shard
 * whose parent is ignored counts that parent as finished.
 *
 * <p>For a bounded read every split gets the stop condition fixed at the first discovery, no
 * further shards are discovered, and each reader is told that no more splits will come once none is
 * left unassigned. The three sets are the enumerator's checkpointed state; finished shards that
 * ListShards no longer returns are dropped from it at each discovery.
 */
@Internal
public final class KinesisSourceEnumerator
        implements SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceEnumerator.class);

    private final SplitEnumeratorContext<KinesisShardSplit> context;
    private final KinesisSourceConfig config;
    private final StreamProxy proxy;
    private final LongSupplier clock;

    private final Map<String, KinesisShardSplit> unassigned = new LinkedHashMap<>();
    private final Set<String> assigned = new LinkedHashSet<>();
    private final Set<String> finished = new LinkedHashSet<>();
    private final ShardOwners owners;

    /** The first discovery's failure, held until every reader registered. */
    @Nullable private RuntimeException firstDiscoveryFailure;

    private boolean initialDiscoveryDone;

    /** Set by {@link #close()}: a discovery that fails from then on is expected, not a warning. */
    private volatile boolean closing;

    private final Set<Integer> readersToldNoMoreSplits = new HashSet<>();

    public KinesisSourceEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            KinesisSourceConfig config,
            StreamProxy proxy,
            KinesisEnumeratorState state) {
        this(context, config, proxy, state, System::currentTimeMillis);
    }

    KinesisSourceEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            KinesisSourceConfig config,
            StreamProxy proxy,
            KinesisEnumeratorState state,
            LongSupplier clock) {
        this.context = context;
        this.config = config;
        this.proxy = proxy;
        this.clock = clock;
        for (KinesisShardSplit split : state.unassigned()) {
            unassigned.put(split.shardId(), split);
        }
        assigned.addAll(state.assigned());
        finished.addAll(state.finished());
        Map<String, Integer> restoredOwners = new LinkedHashMap<>(state.owners());
        restoredOwners.keySet().retainAll(assigned);
        owners = new ShardOwners(config.shardAssigner(), restoredOwners);
        initialDiscoveryDone = state.initialDiscoveryDone();
    }

    @Override
    public void start() {
        if (config.isBounded()) {
            if (!initialDiscoveryDone) {
                context.callAsync(proxy::listShards, this::onShardsListed);
            }
        } else {
            context.callAsync(
                    proxy::listShards,
                    this::onShardsListed,
                    0L,
                    config.shardDiscoveryInterval().toMillis());
        }
    }

    /** Runs in the coordinator thread with the result of one ListShards round. */
    void onShardsListed(@Nullable List<Shard> shards, @Nullable Throwable error) {
        if (error != null) {
            if (closing || isInterruption(error)) {
                // cancelling or stopping a job interrupts a discovery in flight: that is normal
                LOG.debug(
                        "Listing the shards of Kinesis stream '{}' was interrupted: the source is"
                                + " closing",
                        config.stream());
                return;
            }
            if (!initialDiscoveryDone) {
                Optional<AwsSetupException> explained =
                        KinesisFailures.explain(error, config.stream(), "ListShards");
                failOnceEveryReaderRuns(
                        explained.isPresent()
                                ? explained.get()
                                : new FlinkRuntimeException(
                                        "Could not list the shards of Kinesis stream '"
                                                + config.stream()
                                                + "': "
                                                + error.getMessage(),
                                        error));
                return;
            }
            LOG.warn(
                    "Listing the shards of Kinesis stream '{}' failed; retrying at the next"
                            + " discovery",
                    config.stream(),
                    error);
            return;
        }
        if (initialDiscoveryDone && config.isBounded()) {
            return; // a bounded read keeps the shard set of job start
        }
        boolean first = !initialDiscoveryDone;
        long now = clock.getAsLong();
        StopCondition stop = config.stopConditionAt(now);
        // LATEST becomes "arrived at or after the job start": unlike a LATEST iterator it can be
        // checkpointed before the first record, so a restore does not skip what arrived meanwhile
        StartingPosition initial =
                config.initialPosition().type() == StartingPosition.Type.LATEST
                        ? StartingPosition.atTimestamp(Instant.ofEpochMilli(now))
                        : config.initialPosition();
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (isKnown(id) || !config.readsShard(id)) {
                // a shard outside a pushed-down shard-id filter is never read, nor are its
                // children: their rows carry other shard ids, which the filter rejects anyway
                continue;
            }
            boolean closed =
                    shard.sequenceNumberRange() != null
                            && shard.sequenceNumberRange().endingSequenceNumber() != null;
            StartingPosition position;
            if (first) {
                if (closed && config.initialPosition().type() == StartingPosition.Type.LATEST) {
                    finished.add(id);
                    continue;
                }
                position = initial;
            } else {
                position = StartingPosition.trimHorizon();
            }
            List<String> parents = new ArrayList<>(2);
            if (shard.parentShardId() != null) {
                parents.add(shard.parentShardId());
            }
            if (shard.adjacentParentShardId() != null) {
                parents.add(shard.adjacentParentShardId());
            }
            KinesisShardSplit split =
                    new KinesisShardSplit(id, position, stop, parents, hashKeyRange(shard));
            LOG.info("Discovered shard {} of stream '{}': {}", id, config.stream(), split);
            unassigned.put(id, split);
        }
        pruneFinished(shards);
        initialDiscoveryDone = true;
        assignReadySplits();
    }

    /**
     * The shard's hash key range, or null (no filtering of KPL aggregates by it) when ListShards
     * gave none or one that is not a valid range.
     */
    @Nullable
    private HashKeyRange hashKeyRange(Shard shard) {
        try {
            return HashKeyRange.ofNullable(shard.hashKeyRange());
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "Shard {} of stream '{}' has an invalid hash key range ({}); its KPL"
                            + " aggregates are not checked against it",
                    shard.shardId(),
                    config.stream(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * Forgets finished shards that ListShards no longer returns (past the stream's retention), so
     * the checkpointed state does not grow with every reshard. Nothing is lost: a parent that is
     * not known counts as finished, and a shard past retention is never listed again.
     */
    private void pruneFinished(List<Shard> shards) {
        Set<String> listed = new HashSet<>(shards.size() * 2);
        for (Shard shard : shards) {
            listed.add(shard.shardId());
        }
        int before = finished.size();
        finished.retainAll(listed);
        if (finished.size() < before) {
            LOG.info(
                    "Forgot {} finished shards of stream '{}' that are past retention",
                    before - finished.size(),
                    config.stream());
        }
    }

    private boolean isKnown(String shardId) {
        return unassigned.containsKey(shardId)
                || assigned.contains(shardId)
                || finished.contains(shardId);
    }

    private boolean parentsFinished(KinesisShardSplit split) {
        for (String parent : split.parentShardIds()) {
            if (!finished.contains(parent)
                    && (assigned.contains(parent) || unassigned.containsKey(parent))) {
                return false;
            }
        }
        return true;
    }

    private void assignReadySplits() {
        Set<Integer> readers = context.registeredReaders().keySet();
        List<KinesisShardSplit> ready = new ArrayList<>();
        for (KinesisShardSplit split : unassigned.values()) {
            if (parentsFinished(split)) {
                ready.add(split);
            }
        }
        ready.sort(ShardOwners.PLACEMENT_ORDER);
        for (KinesisShardSplit split : ready) {
            int owner = owners.choose(split, context.currentParallelism());
            if (!readers.contains(owner)) {
                continue;
            }
            LOG.info("Assigning shard {} to reader {}", split.shardId(), owner);
            context.assignSplit(split, owner);
            assigned.add(split.shardId());
            owners.assigned(split.shardId(), owner);
            unassigned.remove(split.shardId());
        }
        signalNoMoreSplitsIfDone();
    }

    private void signalNoMoreSplitsIfDone() {
        if (!config.isBounded() || !initialDiscoveryDone || !unassigned.isEmpty()) {
            return;
        }
        for (int reader : context.registeredReaders().keySet()) {
            if (readersToldNoMoreSplits.add(reader)) {
                context.signalNoMoreSplits(reader);
            }
        }
    }

    /** The open shards of each reader subtask (for tests). */
    int[] openShardsPerSubtask() {
        return owners.openShardsPerSubtask(context.currentParallelism());
    }

    /**
     * The reader subtask of a shard under {@link ShardAssigner#SHARD_ID_MODULO}: its number (shard
     * ids end in a counter) modulo the parallelism, which spreads sequential shards evenly; other
     * ids are hashed.
     */
    static int ownerOf(String shardId, int parallelism) {
        int i = shardId.length();
        while (i > 0 && Character.isDigit(shardId.charAt(i - 1))) {
            i--;
        }
        long key;
        String digits = shardId.substring(i);
        if (!digits.isEmpty() && digits.length() < 18) {
            key = Long.parseLong(digits);
        } else {
            key = shardId.hashCode();
        }
        return (int) Math.floorMod(key, (long) parallelism);
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        // splits are pushed on discovery and when parents finish; readers never ask
    }

    @Override
    public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
        for (KinesisShardSplit split : splits) {
            assigned.remove(split.shardId());
            owners.released(split.shardId());
            if (split.startingPosition().isShardEnd()) {
                finished.add(split.shardId());
            } else if (!finished.contains(split.shardId())) {
                unassigned.put(split.shardId(), split);
            }
        }
        readersToldNoMoreSplits.remove(subtaskId);
        // the reader is re-registered through addReader, which assigns them again
    }

    @Override
    public void addReader(int subtaskId) {
        if (firstDiscoveryFailure != null) {
            failOnceEveryReaderRuns(firstDiscoveryFailure);
            return;
        }
        readersToldNoMoreSplits.remove(subtaskId);
        assignReadySplits();
    }

    /**
     * Fails the job with the first discovery's failure (by throwing in the coordinator thread), but
     * not before every reader registered: a job failing while its tasks still deploy can cancel a
     * SQL query's collect sink before it was opened, and Flink's collect sink then fails its whole
     * TaskManager (FLINK-39330), taking down every other job on it. Once the readers run, the job's
     * tasks have started and it fails alone.
     */
    private void failOnceEveryReaderRuns(RuntimeException failure) {
        if (context.registeredReaders().size() >= context.currentParallelism()) {
            throw failure;
        }
        if (firstDiscoveryFailure == null) {
            LOG.info(
                    "Listing the shards of Kinesis stream '{}' failed; the job fails once its {}"
                            + " readers run: {}",
                    config.stream(),
                    context.currentParallelism(),
                    failure.getMessage());
        }
        firstDiscoveryFailure = failure;
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        if (sourceEvent instanceof SplitsFinishedEvent) {
            for (String shardId : ((SplitsFinishedEvent) sourceEvent).finishedShardIds()) {
                LOG.info("Shard {} finished by reader {}", shardId, subtaskId);
                assigned.remove(shardId);
                owners.released(shardId);
                unassigned.remove(shardId);
                finished.add(shardId);
            }
            assignReadySplits();
        } else {
            LOG.warn("Ignoring unknown source event {} from reader {}", sourceEvent, subtaskId);
        }
    }

    @Override
    public KinesisEnumeratorState snapshotState(long checkpointId) {
        return new KinesisEnumeratorState(
                new ArrayList<>(unassigned.values()),
                assigned,
                finished,
                initialDiscoveryDone,
                owners.snapshot());
    }

    @Override
    public void close() {
        closing = true;
        proxy.close();
    }

    /** Whether {@code error} comes from a thread interrupted while it called Kinesis. */
    static boolean isInterruption(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            // the SDK turns an interrupt into an AbortedException ("Thread was interrupted")
            if (t instanceof InterruptedException || t instanceof AbortedException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
