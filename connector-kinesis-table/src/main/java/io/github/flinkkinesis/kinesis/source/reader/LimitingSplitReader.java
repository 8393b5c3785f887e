package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Stops a split reader once its reader emitted the rows of a pushed-down LIMIT: from then on every
 * split it holds (and every split it is given later) is reported finished without another
 * GetRecords call. Until then it passes everything to the wrapped reader.
 *
 * <p>It tracks which splits the wrapped reader holds, so that a split the wrapped reader already
 * finished is never reported finished twice.
 */
@Internal
public final class LimitingSplitReader implements SplitReader<Record, KinesisShardSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(LimitingSplitReader.class);

    private final SplitReader<Record, KinesisShardSplit> inner;
    private final RowLimit limit;
    private final Set<String> held = new LinkedHashSet<>();

    public LimitingSplitReader(SplitReader<Record, KinesisShardSplit> inner, RowLimit limit) {
        this.inner = inner;
        this.limit = limit;
    }

    @Override
    public RecordsWithSplitIds<Record> fetch() throws IOException {
        if (limit.isReached()) {
            LOG.info("Row limit reached ({}): finishing shards {} unread", limit, held);
            RecordsBySplits.Builder<Record> done = new RecordsBySplits.Builder<>();
            done.addFinishedSplits(held);
            held.clear();
            return done.build();
        }
        RecordsWithSplitIds<Record> records = inner.fetch();
        held.removeAll(records.finishedSplits());
        return records;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> splitsChanges) {
        if (splitsChanges instanceof SplitsAddition) {
            for (KinesisShardSplit split : splitsChanges.splits()) {
                held.add(split.splitId());
            }
        } else if (splitsChanges instanceof SplitsRemoval) {
            for (KinesisShardSplit split : splitsChanges.splits()) {
                held.remove(split.splitId());
            }
        }
        inner.handleSplitsChanges(splitsChanges);
    }

    @Override
    public void wakeUp() {
        inner.wakeUp();
    }

    @Override
    public void close() throws Exception {
        inner.close();
    }
}
