package io.github.flinkkinesis.kinesis.testutil.fakes;

import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;

/** The stream unit tests' splits belong to, and their split ids. */
public final class TestSplits {

    /** The stream of the unit tests' sources ({@code TestSources}) and splits. */
    public static final StreamId STREAM = StreamId.parse("test");

    private TestSplits() {}

    /** The split id of a shard of {@link #STREAM}. */
    public static String id(String shardId) {
        return KinesisShardSplit.splitIdOf(STREAM, shardId);
    }
}
