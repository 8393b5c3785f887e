package io.github.flinkkinesis.kinesis.source.enumerator;

import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.StreamProxy;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * One round of shard discovery for the enumerator: which streams to look at (the listed ones, or
 * those ListStreams returns that match the pattern) and their shards.
 *
 * <p>Cost: Kinesis numbers the shards of a stream in creation order, so a round lists only the
 * shards after the highest shard id the enumerator knows of each stream ({@link #known}); finding
 * one new shard of a 10,000-shard stream costs one ListShards page, not ten. Every {@value
 * #FULL_LISTING_EVERY}th round, and the first round of each enumerator (after a start or a
 * restore), lists each stream whole ({@link Round#isComplete}), so the enumerator can forget
 * finished shards that passed the stream's retention. A stream without a known shard is always
 * listed whole.
 *
 * <p>Threads: {@link #discover()} runs on the coordinator's worker thread; {@link #known} and
 * {@link #forget} are called from the coordinator thread. The only state they share is the
 * concurrent map of highest known shard ids; the round counter is only touched by {@code
 * discover()}.
 */
@Internal
final class ShardDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ShardDiscovery.class);

    /** Every how many rounds each stream is listed whole. */
    static final int FULL_LISTING_EVERY = 30;

    private final KinesisSourceConfig config;
    private final StreamProxy proxy;
    private final Map<StreamId, String> highestKnownShardId = new ConcurrentHashMap<>();
    private final AtomicLong rounds = new AtomicLong();

    ShardDiscovery(KinesisSourceConfig config, StreamProxy proxy) {
        this.config = config;
        this.proxy = proxy;
    }

    /**
     * Lists the streams' shards.
     *
     * @throws StreamDiscoveryException when ListStreams fails, or ListShards of a stream fails
     *     (except for a stream found by the pattern that was deleted since ListStreams returned it:
     *     it is left out of the round)
     */
    Round discover() {
        boolean full = rounds.getAndIncrement() % FULL_LISTING_EVERY == 0;
        List<StreamId> streams = streams();
        Round round = new Round(streams);
        for (StreamId stream : streams) {
            String after = full ? null : highestKnownShardId.get(stream);
            try {
                round.shards.put(stream, proxy.listShards(stream, after));
                if (after == null) {
                    round.complete.add(stream);
                }
            } catch (ResourceNotFoundException e) {
                if (config.streamPattern() == null) {
                    throw new StreamDiscoveryException(stream, e);
                }
                LOG.info(
                        "Kinesis stream '{}' matched '{}' but no longer exists; left out",
                        stream,
                        config.streamPattern());
                round.streams.remove(stream);
            } catch (RuntimeException e) {
                throw new StreamDiscoveryException(stream, e);
            }
        }
        return round;
    }

    private List<StreamId> streams() {
        if (config.streamPattern() == null) {
            return config.streams();
        }
        List<String> names;
        try {
            names = proxy.listStreamNames();
        } catch (RuntimeException e) {
            throw new StreamDiscoveryException(null, e);
        }
        List<StreamId> matching = new ArrayList<>();
        for (String name : names) {
            StreamId stream = StreamId.parse(name);
            if (config.readsStream(stream)) {
                matching.add(stream);
            }
        }
        return matching;
    }

    /** Shards up to {@code shardId} of {@code stream} are known: later rounds list after it. */
    void known(StreamId stream, String shardId) {
        highestKnownShardId.merge(stream, shardId, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** The stream is gone: forget its highest known shard. */
    void forget(StreamId stream) {
        highestKnownShardId.remove(stream);
    }

    /** The streams of one round and the shards listed of each. */
    static final class Round {
        private final Set<StreamId> streams;
        private final Map<StreamId, List<Shard>> shards = new LinkedHashMap<>();
        private final Set<StreamId> complete = new LinkedHashSet<>();

        Round(List<StreamId> streams) {
            this.streams = new LinkedHashSet<>(streams);
        }

        /** A round of streams whose shards were listed whole (for tests and benchmarks). */
        static Round complete(Map<StreamId, List<Shard>> listed) {
            Round round = new Round(new ArrayList<>(listed.keySet()));
            round.shards.putAll(listed);
            round.complete.addAll(listed.keySet());
            return round;
        }

        /** The streams the source reads in this round (those found by the pattern, or listed). */
        Set<StreamId> streams() {
            return streams;
        }

        /** The shards listed per stream (all of them, or those after the highest known one). */
        Map<StreamId, List<Shard>> shards() {
            return shards;
        }

        /** Whether {@code stream} was listed whole, so a shard not listed is past retention. */
        boolean isComplete(StreamId stream) {
            return complete.contains(stream);
        }
    }

    /** A discovery call that failed, with the stream it was about (null for ListStreams). */
    static final class StreamDiscoveryException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @Nullable private final StreamId stream;

        StreamDiscoveryException(@Nullable StreamId stream, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.stream = stream;
        }

        @Nullable
        StreamId stream() {
            return stream;
        }
    }
}
