package io.github.flinkkinesis.kinesis.source.enumerator;

import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Sent by a reader to the enumerator when it has read shards to their end (or to their stop
 * condition), so that the enumerator can assign their children. Carries split ids ({@code
 * <stream>/<shard id>}).
 */
@Internal
public final class SplitsFinishedEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final Set<String> finishedSplitIds;

    public SplitsFinishedEvent(Set<String> finishedSplitIds) {
        this.finishedSplitIds = Set.copyOf(finishedSplitIds);
    }

    public Set<String> finishedSplitIds() {
        return finishedSplitIds;
    }

    @Override
    public String toString() {
        return "SplitsFinishedEvent" + finishedSplitIds;
    }
}
