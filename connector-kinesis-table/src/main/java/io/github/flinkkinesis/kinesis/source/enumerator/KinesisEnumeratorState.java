package io.github.flinkkinesis.kinesis.source.enumerator;

import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * What the enumerator checkpoints, every shard named by its split id ({@code <stream>/<shard id>}):
 * shards discovered but not yet assigned (children wait here for their parents), the ids of shards
 * assigned to readers (their positions live in the readers' state), the ids of finished shards, and
 * whether the initial discovery happened (after it, new shards start at TRIM_HORIZON; a bounded
 * source discovers nothing more), and the reader subtask of each assigned shard (so that the
 * uniform assignment keeps counting open shards per subtask).
 */
@Internal
public final class KinesisEnumeratorState {

    private final List<KinesisShardSplit> unassigned;
    private final Set<String> assigned;
    private final Set<String> finished;
    private final boolean initialDiscoveryDone;
    private final Map<String, Integer> owners;

    /** A state whose assigned shards' subtasks are unknown (e.g. read from version 1). */
    public KinesisEnumeratorState(
            List<KinesisShardSplit> unassigned,
            Set<String> assigned,
            Set<String> finished,
            boolean initialDiscoveryDone) {
        this(unassigned, assigned, finished, initialDiscoveryDone, Map.of());
    }

    /**
     * @param owners the reader subtask of assigned shards (those known; used to keep the uniform
     *     assignment balanced across a restore)
     */
    public KinesisEnumeratorState(
            List<KinesisShardSplit> unassigned,
            Set<String> assigned,
            Set<String> finished,
            boolean initialDiscoveryDone,
            Map<String, Integer> owners) {
        this.unassigned = List.copyOf(unassigned);
        this.assigned = new LinkedHashSet<>(assigned);
        this.finished = new LinkedHashSet<>(finished);
        this.initialDiscoveryDone = initialDiscoveryDone;
        this.owners = new LinkedHashMap<>(owners);
    }

    /** The reader subtask of each assigned shard whose subtask is known. */
    public Map<String, Integer> owners() {
        return owners;
    }

    /** The state of a source that has not discovered anything yet. */
    public static KinesisEnumeratorState initial() {
        return new KinesisEnumeratorState(List.of(), Set.of(), Set.of(), false);
    }

    public List<KinesisShardSplit> unassigned() {
        return unassigned;
    }

    public Set<String> assigned() {
        return assigned;
    }

    public Set<String> finished() {
        return finished;
    }

    public boolean initialDiscoveryDone() {
        return initialDiscoveryDone;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisEnumeratorState)) {
            return false;
        }
        KinesisEnumeratorState that = (KinesisEnumeratorState) o;
        return initialDiscoveryDone == that.initialDiscoveryDone
                && unassigned.equals(that.unassigned)
                && assigned.equals(that.assigned)
                && finished.equals(that.finished)
                && owners.equals(that.owners);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(unassigned, assigned, finished, initialDiscoveryDone);
    }

    @Override
    public String toString() {
        return "KinesisEnumeratorState{unassigned="
                + unassigned
                + ", assigned="
                + assigned
                + ", finished="
                + finished
                + ", initialDiscoveryDone="
                + initialDiscoveryDone
                + ", owners="
                + owners
                + "}";
    }
}
