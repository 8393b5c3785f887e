package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The source's one seam to Kinesis: the calls a polling source needs, for any stream of the account
 * and region its client reaches (a source may read several streams). {@link KinesisStreamProxy}
 * implements it with the SDK; unit tests use a hand-written fake.
 *
 * <p>SDK exceptions ({@code ExpiredIteratorException}, {@code
 * ProvisionedThroughputExceededException}, ...) pass through unchanged so that callers can react to
 * each kind.
 */
@Internal
public interface StreamProxy extends AutoCloseable {

    /**
     * The shards of {@code stream} (open and closed within retention) whose ids come after {@code
     * afterShardId}, or all of them when it is null, following all pages. Kinesis numbers the
     * shards of a stream in creation order, so listing after the highest known id returns only the
     * shards created since: the cost of a discovery grows with the new shards, not with the stream.
     */
    List<Shard> listShards(StreamId stream, @Nullable String afterShardId);

    /** Every shard of {@code stream} (open and closed within retention), following all pages. */
    default List<Shard> listShards(StreamId stream) {
        return listShards(stream, null);
    }

    /** The names of all streams of the account and region, following all pages. */
    List<String> listStreamNames();

    /**
     * A fresh shard iterator for {@code position} (which must not be SHARD_END). A position inside
     * a KPL aggregated record ({@link StartingPosition#isInsideAggregatedRecord()}) starts at that
     * record, not after it.
     */
    String getShardIterator(StreamId stream, String shardId, StartingPosition position);

    /**
     * One GetRecords call with at most {@code limit} records (the iterator names its stream),
     * attempted once: the SDK does not retry it, so that every call a shard sees is one its caller
     * paced; the caller retries.
     */
    GetRecordsResponse getRecords(String shardIterator, int limit);

    @Override
    void close();
}
