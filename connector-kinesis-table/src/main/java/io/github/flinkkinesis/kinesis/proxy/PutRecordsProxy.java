package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.annotation.Internal;

/**
 * The sink's only seam to Kinesis: one asynchronous PutRecords call on the sink's stream, and the
 * stream's open shards for KPL aggregation.
 *
 * <p>The future completes normally when Kinesis answered (some entries may still have failed: see
 * {@link PutRecordsResult}) and exceptionally when the whole call failed after the SDK's own
 * retries. Implementations are created on the task manager by a serializable {@link Factory} and
 * closed with the sink writer. Unit tests use a hand-written fake.
 */
@Internal
public interface PutRecordsProxy extends AutoCloseable {

    /** Sends {@code entries} (at most 500, within the call's byte limit) in one call. */
    CompletableFuture<PutRecordsResult> putRecords(List<KinesisSinkEntry> entries);

    /**
     * The stream's open shards and the hash key ranges they own, by shard id (ListShards, every
     * page; closed shards left out). A blocking call, made by the writer's thread when KPL
     * aggregation needs a fresh shard map. SDK exceptions pass through unchanged.
     */
    default Map<String, HashKeyRange> listOpenShards() {
        throw new UnsupportedOperationException(
                getClass().getName()
                        + " cannot list shards, which 'sink.aggregation.enabled' needs: use a proxy"
                        + " that implements listOpenShards, or turn aggregation off");
    }

    /** Releases the client and its connections; pending calls may fail. */
    @Override
    void close();

    /** Creates the proxy in the writer, so the non-serializable SDK client never travels. */
    @FunctionalInterface
    interface Factory extends Serializable {
        PutRecordsProxy create();
    }
}
