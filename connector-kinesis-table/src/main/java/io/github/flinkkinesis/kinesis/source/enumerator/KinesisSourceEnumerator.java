package io.github.flinkkinesis.kinesis.source.enumerator;

import io.github.flinkkinesis.aws.AwsSetupException;
import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
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
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
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
 * Discovers the shards of the source's streams (one, several listed, or those matching a pattern)
 * and hands each to exactly one reader, parents before children. A split is one shard of one
 * stream; its id is {@code <stream>/<shard id>} ({@link KinesisShardSplit#splitIdOf}).
 *
 * <p>Shard lifecycle, as seen here:
 *
 * <ol>
 *   <li><b>discovered</b>: a {@link ShardDiscovery} round (on the coordinator's worker thread,
 *       periodically for an unbounded read, once for a bounded one) returned a shard not seen
 *       before. It becomes an <i>unassigned</i> split that carries the shard's hash key range
 *       (against which the reader checks KPL aggregates). Shards of the first discovery start at
 *       the configured initial position; with LATEST, shards already closed then are marked
 *       finished without reading (they hold nothing newer) and open ones start AT_TIMESTAMP of that
 *       discovery, a position that survives a restore before their first record was read. Shards
 *       found later are children of a reshard, or shards of a stream that appeared later (created
 *       and matching the pattern, or added to the table's list before a restore), and start at
 *       TRIM_HORIZON so that none of their records is lost.
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
 * <p>Streams: a listed stream must exist; the first discovery fails the job when it cannot list
 * one, later failures are retried at the next discovery. With a pattern, a stream that no longer
 * exists (or no longer matches) is forgotten at the next discovery: its unassigned and finished
 * shards are dropped, and readers finish its assigned shards when Kinesis says the stream is gone.
 * A stream of the state that the table no longer lists is dropped the same way.
 *
 * <p>A source restricted to some shards ({@link KinesisSourceConfig#readsShard}, a filter on the
 * {@code shard-id} column) ignores every other shard: it is never discovered, so a listed shard
 * whose parent is ignored counts that parent as finished.
 *
 * <p>For a bounded read every split gets the stop condition fixed at the first discovery, no
 * further shards or streams are discovered, and each reader is told that no more splits will come
 * once none is left unassigned. The three sets are the enumerator's checkpointed state; finished
 * shards that a whole listing no longer returns are dropped from it.
 */
@Internal
public final class KinesisSourceEnumerator
        implements SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceEnumerator.class);

    private final SplitEnumeratorContext<KinesisShardSplit> context;
    private final KinesisSourceConfig config;
    private final StreamProxy proxy;
    private final ShardDiscovery discovery;
    private final LongSupplier clock;

    /** Keyed by split id, as are the other two sets and the owners. */
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

    /** Streams already logged as no longer read (so the log says it once). */
    private final Set<String> streamsReportedGone = new HashSet<>();

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
        this.discovery = new ShardDiscovery(config, proxy);
        this.clock = clock;
        for (KinesisShardSplit split : state.unassigned()) {
            unassigned.put(split.splitId(), split);
        }
        assigned.addAll(state.assigned());
        finished.addAll(state.finished());
        Map<String, Integer> restoredOwners = new LinkedHashMap<>(state.owners());
        restoredOwners.keySet().retainAll(assigned);
        owners =
                new ShardOwners(
                        config.shardAssigner(), restoredOwners, config.readsSeveralStreams());
        initialDiscoveryDone = state.initialDiscoveryDone();
    }

    @Override
    public void start() {
        if (config.isBounded()) {
            if (!initialDiscoveryDone) {
                context.callAsync(discovery::discover, this::onShardsListed);
            }
        } else {
            context.callAsync(
                    discovery::discover,
                    this::onShardsListed,
                    0L,
                    config.shardDiscoveryInterval().toMillis());
        }
    }

    /** Runs in the coordinator thread with the result of one discovery round. */
    void onShardsListed(@Nullable ShardDiscovery.Round round, @Nullable Throwable error) {
        if (error != null) {
            onDiscoveryFailed(error);
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
        for (Map.Entry<StreamId, List<Shard>> listed : round.shards().entrySet()) {
            StreamId stream = listed.getKey();
            for (Shard shard : listed.getValue()) {
                discovered(stream, shard, first, initial, stop);
            }
            if (round.isComplete(stream)) {
                pruneFinished(stream, listed.getValue());
            }
        }
        forgetStreamsNoLongerRead(round.streams());
        initialDiscoveryDone = true;
        assignReadySplits();
    }

    private void discovered(
            StreamId stream,
            Shard shard,
            boolean first,
            StartingPosition initial,
            StopCondition stop) {
        String shardId = shard.shardId();
        discovery.known(stream, shardId);
        String id = KinesisShardSplit.splitIdOf(stream, shardId);
        if (isKnown(id) || !config.readsShard(shardId)) {
            // a shard outside a pushed-down shard-id filter is never read, nor are its
            // children: their rows carry other shard ids, which the filter rejects anyway
            return;
        }
        boolean closed =
                shard.sequenceNumberRange() != null
                        && shard.sequenceNumberRange().endingSequenceNumber() != null;
        StartingPosition position;
        if (first) {
            if (closed && config.initialPosition().type() == StartingPosition.Type.LATEST) {
                finished.add(id);
                return;
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
                new KinesisShardSplit(
                        stream, shardId, position, stop, parents, hashKeyRange(stream, shard));
        LOG.info("Discovered shard {} of stream '{}': {}", shardId, stream, split);
        unassigned.put(id, split);
    }

    private void onDiscoveryFailed(Throwable error) {
        if (closing || isInterruption(error)) {
            // cancelling or stopping a job interrupts a discovery in flight: that is normal
            LOG.debug(
                    "Listing the shards of {} was interrupted: the source is closing",
                    config.describeStreams());
            return;
        }
        // which stream: the discovery says; a failure from elsewhere is about the only stream
        StreamId stream = config.streams().size() == 1 ? config.streams().get(0) : null;
        Throwable cause = error;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ShardDiscovery.StreamDiscoveryException) {
                stream = ((ShardDiscovery.StreamDiscoveryException) t).stream();
                cause = t.getCause();
                break;
            }
        }
        String what =
                stream == null
                        ? "the Kinesis streams matching '" + config.streamPattern() + "'"
                        : "the shards of Kinesis stream '" + stream + "'";
        if (!initialDiscoveryDone) {
            Optional<AwsSetupException> explained =
                    KinesisFailures.explain(
                            cause, stream, stream == null ? "ListStreams" : "ListShards");
            failOnceEveryReaderRuns(
                    explained.isPresent()
                            ? explained.get()
                            : new FlinkRuntimeException(
                                    "Could not list " + what + ": " + cause.getMessage(), cause));
            return;
        }
        LOG.warn("Listing {} failed; retrying at the next discovery", what, cause);
    }

    /**
     * The shard's hash key range, or null (no filtering of KPL aggregates by it) when ListShards
     * gave none or one that is not a valid range.
     */
    @Nullable
    private HashKeyRange hashKeyRange(StreamId stream, Shard shard) {
        try {
            return HashKeyRange.ofNullable(shard.hashKeyRange());
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "Shard {} of stream '{}' has an invalid hash key range ({}); its KPL"
                            + " aggregates are not checked against it",
                    shard.shardId(),
                    stream,
                    e.getMessage());
            return null;
        }
    }

    /**
     * Forgets finished shards of {@code stream} that a whole listing no longer returns (past the
     * stream's retention), so the checkpointed state does not grow with every reshard. Nothing is
     * lost: a parent that is not known counts as finished, and a shard past retention is never
     * listed again.
     */
    private void pruneFinished(StreamId stream, List<Shard> shards) {
        Set<String> listed = new HashSet<>(shards.size() * 2);
        for (Shard shard : shards) {
            listed.add(KinesisShardSplit.splitIdOf(stream, shard.shardId()));
        }
        String prefix = KinesisShardSplit.splitIdOf(stream, "");
        int before = finished.size();
        finished.removeIf(id -> id.startsWith(prefix) && !listed.contains(id));
        if (finished.size() < before) {
            LOG.info(
                    "Forgot {} finished shards of stream '{}' that are past retention",
                    before - finished.size(),
                    stream);
        }
    }

    /**
     * Drops the unassigned and finished shards of streams the source no longer reads: a stream the
     * pattern found that is gone or no longer matches, or a stream of the restored state that the
     * table no longer lists. Their assigned shards are ended by the readers.
     */
    private void forgetStreamsNoLongerRead(Set<StreamId> streams) {
        Set<String> prefixes = new HashSet<>();
        for (StreamId stream : streams) {
            prefixes.add(KinesisShardSplit.splitIdOf(stream, ""));
        }
        Set<String> gone = new TreeSet<>();
        Predicate<String> notRead =
                id -> {
                    String prefix = id.substring(0, id.lastIndexOf('/') + 1);
                    if (prefixes.contains(prefix)) {
                        return false;
                    }
                    gone.add(prefix.substring(0, prefix.length() - 1));
                    return true;
                };
        unassigned.keySet().removeIf(notRead);
        finished.removeIf(notRead);
        for (String id : assigned) {
            notRead.test(id);
        }
        for (String stream : gone) {
            discovery.forget(StreamId.parse(stream));
        }
        gone.removeAll(streamsReportedGone);
        if (!gone.isEmpty()) {
            streamsReportedGone.addAll(gone);
            LOG.info(
                    "The source no longer reads Kinesis streams {} (deleted, no longer matching"
                            + " the pattern, or no longer listed; it reads {}); their shards still"
                            + " assigned end at their readers",
                    gone,
                    config.describeStreams());
        }
    }

    private boolean isKnown(String splitId) {
        return unassigned.containsKey(splitId)
                || assigned.contains(splitId)
                || finished.contains(splitId);
    }

    private boolean parentsFinished(KinesisShardSplit split) {
        for (String parent : split.parentSplitIds()) {
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
            LOG.info("Assigning shard {} to reader {}", split.splitId(), owner);
            context.assignSplit(split, owner);
            assigned.add(split.splitId());
            owners.assigned(split.splitId(), owner);
            unassigned.remove(split.splitId());
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
            String id = split.splitId();
            assigned.remove(id);
            owners.released(id);
            if (split.startingPosition().isShardEnd()) {
                finished.add(id);
            } else if (!finished.contains(id)) {
                unassigned.put(id, split);
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
                    "Listing the shards of {} failed; the job fails once its {} readers run: {}",
                    config.describeStreams(),
                    context.currentParallelism(),
                    failure.getMessage());
        }
        firstDiscoveryFailure = failure;
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        if (sourceEvent instanceof SplitsFinishedEvent) {
            for (String splitId : ((SplitsFinishedEvent) sourceEvent).finishedSplitIds()) {
                LOG.info("Shard {} finished by reader {}", splitId, subtaskId);
                assigned.remove(splitId);
                owners.released(splitId);
                unassigned.remove(splitId);
                finished.add(splitId);
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
