package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.List;
import javax.annotation.Nullable;
import javax.annotation.concurrent.GuardedBy;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * One {@link StreamProxy} shared by all fetcher threads of a source reader, so that a reader holds
 * one SDK client (one connection pool, one credentials provider and, with an assumed role, one STS
 * session) however many fetchers it runs. The SDK client is thread-safe; each fetcher uses one
 * connection of the pool at a time.
 *
 * <p>Lifecycle: {@link #acquire()} hands out a lease (a proxy whose {@code close()} returns it);
 * the first lease creates the underlying proxy with the factory, the last returned lease closes it.
 * Fetchers come and go (an idle fetcher is shut down, a later shard starts a new one), so a proxy
 * closed when the last fetcher went away is created again by the next lease.
 */
@Internal
public final class StreamProxyLeases {

    private final StreamProxyFactory factory;

    @GuardedBy("this")
    private StreamProxy proxy;

    @GuardedBy("this")
    private int leases;

    public StreamProxyLeases(StreamProxyFactory factory) {
        this.factory = factory;
    }

    /** A lease on the shared proxy; close it when done. */
    public synchronized StreamProxy acquire() {
        if (proxy == null) {
            proxy = factory.create();
        }
        leases++;
        return new Lease(proxy);
    }

    private synchronized void release() {
        leases--;
        if (leases == 0) {
            StreamProxy last = proxy;
            proxy = null;
            last.close();
        }
    }

    /** How many leases are open (for tests). */
    synchronized int leases() {
        return leases;
    }

    /** Forwards to the shared proxy; {@link #close()} returns the lease once. */
    private final class Lease implements StreamProxy {
        private final StreamProxy target;
        private boolean closed;

        Lease(StreamProxy target) {
            this.target = target;
        }

        @Override
        public List<Shard> listShards(StreamId stream, @Nullable String afterShardId) {
            return target.listShards(stream, afterShardId);
        }

        @Override
        public List<String> listStreamNames() {
            return target.listStreamNames();
        }

        @Override
        public String getShardIterator(StreamId stream, String shardId, StartingPosition position) {
            return target.getShardIterator(stream, shardId, position);
        }

        @Override
        public GetRecordsResponse getRecords(String shardIterator, int limit) {
            return target.getRecords(shardIterator, limit);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release();
            }
        }
    }
}
