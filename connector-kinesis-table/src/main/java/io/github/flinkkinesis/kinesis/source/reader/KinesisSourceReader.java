package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.enumerator.SplitsFinishedEvent;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The source reader of one subtask: {@link KinesisSplitFetcherManager} spreads the subtask's shards
 * over up to {@code source.reader.fetcher-threads} fetcher threads, each running a {@link
 * PollingSplitReader}; the base class hands their records to the {@link KinesisRecordEmitter} in
 * the task thread; this class adds telling the enumerator about finished shards.
 *
 * <p>A finished shard is reported with a {@link SplitsFinishedEvent}. Because that event may reach
 * the enumerator after the enumerator's part of a checkpoint was taken, the reader keeps the
 * finished shard in its own checkpoints (as a SHARD_END split) until a later checkpoint completes;
 * after a restore such a split is reported finished again instead of being lost, so children of the
 * shard are never stranded.
 */
@Internal
public final class KinesisSourceReader<T>
        extends SourceReaderBase<Record, T, KinesisShardSplit, KinesisShardSplitState> {

    /** Finished shards not yet known to be in a completed enumerator checkpoint. */
    private final Map<String, RetainedFinish> finishedNotYetCheckpointed = new LinkedHashMap<>();

    public KinesisSourceReader(
            Supplier<SplitReader<Record, KinesisShardSplit>> splitReaderSupplier,
            KinesisRecordEmitter<T> recordEmitter,
            int fetcherThreads,
            Configuration config,
            SourceReaderContext context) {
        super(
                new KinesisSplitFetcherManager(splitReaderSupplier, config, fetcherThreads),
                recordEmitter,
                config,
                context);
    }

    @Override
    protected void onSplitFinished(Map<String, KinesisShardSplitState> finishedSplitIds) {
        if (finishedSplitIds.isEmpty()) {
            return;
        }
        for (Map.Entry<String, KinesisShardSplitState> entry : finishedSplitIds.entrySet()) {
            KinesisShardSplit done =
                    entry.getValue().toSplit().withStartingPosition(StartingPosition.shardEnd());
            finishedNotYetCheckpointed.put(entry.getKey(), new RetainedFinish(done));
        }
        context.sendSourceEventToCoordinator(new SplitsFinishedEvent(finishedSplitIds.keySet()));
    }

    @Override
    public List<KinesisShardSplit> snapshotState(long checkpointId) {
        List<KinesisShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        for (RetainedFinish retained : finishedNotYetCheckpointed.values()) {
            if (retained.firstCheckpointId < 0) {
                retained.firstCheckpointId = checkpointId;
            }
            splits.add(retained.split);
        }
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        // the enumerator had the event before any checkpoint triggered after the one that first
        // carried the finished split completed
        Iterator<RetainedFinish> it = finishedNotYetCheckpointed.values().iterator();
        while (it.hasNext()) {
            RetainedFinish retained = it.next();
            if (retained.firstCheckpointId >= 0 && retained.firstCheckpointId < checkpointId) {
                it.remove();
            }
        }
        super.notifyCheckpointComplete(checkpointId);
    }

    @Override
    protected KinesisShardSplitState initializedState(KinesisShardSplit split) {
        return new KinesisShardSplitState(split);
    }

    @Override
    protected KinesisShardSplit toSplitType(String splitId, KinesisShardSplitState state) {
        return state.toSplit();
    }

    private static final class RetainedFinish {
        final KinesisShardSplit split;
        long firstCheckpointId = -1;

        RetainedFinish(KinesisShardSplit split) {
            this.split = split;
        }
    }
}
