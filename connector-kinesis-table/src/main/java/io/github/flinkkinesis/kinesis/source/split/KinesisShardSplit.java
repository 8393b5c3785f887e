package io.github.flinkkinesis.kinesis.source.split;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of one stream as a unit of work: the stream and the shard id (together the split id,
 * {@link #splitIdOf}, because shard ids repeat across streams), where to resume, where a bounded
 * read ends, the shard's parents (so the enumerator can keep children waiting until their parents
 * are finished) and the shard's hash key range (so the reader can drop KPL aggregates that landed
 * in the wrong shard; null when unknown, e.g. a split restored from a checkpoint of an older
 * version). Immutable.
 *
 * <p>A split whose starting position is {@link StartingPosition#isShardEnd() SHARD_END} is a shard
 * that was read to its end but whose finish the enumerator may not have checkpointed yet; a reader
 * that gets it back after a restore reports it finished again instead of reading it.
 */
@Internal
public final class KinesisShardSplit implements SourceSplit {

    private final StreamId stream;
    private final String shardId;
    private final String splitId;
    private final StartingPosition startingPosition;
    private final StopCondition stopCondition;
    private final List<String> parentShardIds;
    @Nullable private final HashKeyRange hashKeyRange;

    /** A split whose hash key range is unknown. */
    public KinesisShardSplit(
            StreamId stream,
            String shardId,
            StartingPosition startingPosition,
            StopCondition stopCondition,
            List<String> parentShardIds) {
        this(stream, shardId, startingPosition, stopCondition, parentShardIds, null);
    }

    public KinesisShardSplit(
            StreamId stream,
            String shardId,
            StartingPosition startingPosition,
            StopCondition stopCondition,
            List<String> parentShardIds,
            @Nullable HashKeyRange hashKeyRange) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.splitId = splitIdOf(stream, shardId);
        this.startingPosition = Objects.requireNonNull(startingPosition, "startingPosition");
        this.stopCondition = Objects.requireNonNull(stopCondition, "stopCondition");
        this.parentShardIds = List.copyOf(parentShardIds);
        this.hashKeyRange = hashKeyRange;
    }

    /**
     * The split id of a shard of a stream: {@code <stream>/<shard id>}, the stream as the table
     * names it (name or ARN). Shard ids contain no '/', so the shard id is what follows the last
     * one.
     */
    public static String splitIdOf(StreamId stream, String shardId) {
        return stream + "/" + shardId;
    }

    /** The shard id of a split id made by {@link #splitIdOf}. */
    public static String shardIdOf(String splitId) {
        return splitId.substring(splitId.lastIndexOf('/') + 1);
    }

    @Override
    public String splitId() {
        return splitId;
    }

    /** The stream the shard belongs to. */
    public StreamId stream() {
        return stream;
    }

    /** The split ids of the shard's parents (in the same stream). */
    public List<String> parentSplitIds() {
        List<String> ids = new ArrayList<>(parentShardIds.size());
        for (String parent : parentShardIds) {
            ids.add(splitIdOf(stream, parent));
        }
        return ids;
    }

    public String shardId() {
        return shardId;
    }

    public StartingPosition startingPosition() {
        return startingPosition;
    }

    public StopCondition stopCondition() {
        return stopCondition;
    }

    public List<String> parentShardIds() {
        return parentShardIds;
    }

    /** The hash keys the shard owns, or null when unknown (then nothing is filtered by it). */
    @Nullable
    public HashKeyRange hashKeyRange() {
        return hashKeyRange;
    }

    /** The same shard resuming at another position. */
    public KinesisShardSplit withStartingPosition(StartingPosition position) {
        return new KinesisShardSplit(
                stream, shardId, position, stopCondition, parentShardIds, hashKeyRange);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisShardSplit)) {
            return false;
        }
        KinesisShardSplit that = (KinesisShardSplit) o;
        return stream.equals(that.stream)
                && shardId.equals(that.shardId)
                && startingPosition.equals(that.startingPosition)
                && stopCondition.equals(that.stopCondition)
                && parentShardIds.equals(that.parentShardIds)
                && Objects.equals(hashKeyRange, that.hashKeyRange);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                stream, shardId, startingPosition, stopCondition, parentShardIds, hashKeyRange);
    }

    @Override
    public String toString() {
        return "KinesisShardSplit{"
                + splitId
                + ", from "
                + startingPosition
                + ", stop "
                + stopCondition
                + ", parents "
                + parentShardIds
                + (hashKeyRange == null ? "" : ", hash keys " + hashKeyRange)
                + "}";
    }
}
