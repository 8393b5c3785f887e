package io.github.flinkkinesis.kinesis.source.enumerator;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.source.ShardAssigner;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * The reader subtask of each open (assigned, not yet finished) shard, and the choice of a subtask
 * for a shard that is ready: {@link ShardAssigner#UNIFORM} picks the subtask with the fewest open
 * shards (lowest index on a tie), {@link ShardAssigner#SHARD_ID_MODULO} the shard number modulo the
 * parallelism (for a source of several streams, offset by a hash of the stream's name, so that the
 * first shards of all streams do not pile up on subtask 0). Keyed by split id. Checkpointed with
 * the enumerator, so counting goes on after a restore; owners at or above a (lowered) parallelism
 * are not counted.
 */
@Internal
final class ShardOwners {

    /** Ready splits in hash key order (unknown ranges last), then by shard id: deterministic. */
    static final Comparator<KinesisShardSplit> PLACEMENT_ORDER =
            Comparator.comparing(
                            (KinesisShardSplit s) -> startOf(s.hashKeyRange()),
                            Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(KinesisShardSplit::splitId);

    private final Map<String, Integer> owners = new LinkedHashMap<>();

    /** Open shards per subtask, kept with {@link #owners}, so a choice costs O(parallelism). */
    private final Map<Integer, Integer> openCounts = new HashMap<>();

    private final ShardAssigner assigner;
    private final boolean severalStreams;

    ShardOwners(ShardAssigner assigner, Map<String, Integer> restored, boolean severalStreams) {
        this.assigner = assigner;
        this.severalStreams = severalStreams;
        restored.forEach(this::assigned);
    }

    private static BigInteger startOf(HashKeyRange range) {
        return range == null ? null : range.start();
    }

    /** The subtask that should read {@code split} among {@code parallelism} subtasks. */
    int choose(KinesisShardSplit split, int parallelism) {
        if (assigner == ShardAssigner.SHARD_ID_MODULO) {
            int owner = KinesisSourceEnumerator.ownerOf(split.shardId(), parallelism);
            if (!severalStreams) {
                return owner;
            }
            return Math.floorMod(owner + split.stream().name().hashCode(), parallelism);
        }
        int[] open = openShardsPerSubtask(parallelism);
        int best = 0;
        for (int subtask = 1; subtask < parallelism; subtask++) {
            if (open[subtask] < open[best]) {
                best = subtask;
            }
        }
        return best;
    }

    /** The number of open shards of each subtask below {@code parallelism}. */
    int[] openShardsPerSubtask(int parallelism) {
        int[] open = new int[parallelism];
        openCounts.forEach(
                (owner, count) -> {
                    if (owner >= 0 && owner < parallelism) {
                        open[owner] = count;
                    }
                });
        return open;
    }

    void assigned(String splitId, int subtask) {
        Integer previous = owners.put(splitId, subtask);
        if (previous != null) {
            openCounts.merge(previous, -1, Integer::sum);
        }
        openCounts.merge(subtask, 1, Integer::sum);
    }

    /** The shard is finished or back with the enumerator: it no longer counts. */
    void released(String splitId) {
        Integer owner = owners.remove(splitId);
        if (owner != null) {
            openCounts.merge(owner, -1, Integer::sum);
        }
    }

    Map<String, Integer> snapshot() {
        return new LinkedHashMap<>(owners);
    }
}
