package io.github.flinkkinesis.kinesis.source.enumerator;

import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Sent by a reader to the enumerator when it has read shards to their end (or to their stop
 * condition), so that the enumerator can assign their children.
 */
@Internal
public final class SplitsFinishedEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final Set<String> finishedShardIds;

    public SplitsFinishedEvent(Set<String> finishedShardIds) {
        this.finishedShardIds = Set.copyOf(finishedShardIds);
    }

    public Set<String> finishedShardIds() {
        return finishedShardIds;
    }

    @Override
    public String toString() {
        return "SplitsFinishedEvent" + finishedShardIds;
    }
}
