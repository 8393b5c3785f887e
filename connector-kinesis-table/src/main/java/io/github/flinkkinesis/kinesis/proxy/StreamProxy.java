package io.github.flinkkinesis.kinesis.proxy;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import java.util.List;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The source's one seam to Kinesis: the three calls a polling source needs, for one stream. {@link
 * KinesisStreamProxy} implements it with the SDK; unit tests use a hand-written fake.
 *
 * <p>SDK exceptions ({@code ExpiredIteratorException}, {@code
 * ProvisionedThroughputExceededException}, ...) pass through unchanged so that callers can react to
 * each kind.
 */
@Internal
public interface StreamProxy extends AutoCloseable {

    /** Every shard of the stream (open and closed within retention), following all pages. */
    List<Shard> listShards();

    /**
     * A fresh shard iterator for {@code position} (which must not be SHARD_END). A position inside
     * a KPL aggregated record ({@link StartingPosition#isInsideAggregatedRecord()}) starts at that
     * record, not after it.
     */
    String getShardIterator(String shardId, StartingPosition position);

    /**
     * One GetRecords call with at most {@code limit} records, attempted once: the SDK does not
     * retry it, so that every call a shard sees is one its caller paced; the caller retries.
     */
    GetRecordsResponse getRecords(String shardIterator, int limit);

    @Override
    void close();
}
