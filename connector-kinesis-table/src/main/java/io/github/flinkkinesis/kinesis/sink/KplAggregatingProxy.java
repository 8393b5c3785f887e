package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisLimits;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KPL aggregation on write ({@code sink.aggregation.enabled}), as a {@link PutRecordsProxy} in
 * front of the real one: it takes a batch of user records, packs them per shard into KPL aggregated
 * records ({@link KplBatchPacker}), sends those, and answers for each user record what became of
 * the Kinesis record that carried it.
 *
 * <p>Why here, at the moment a batch is sent, and not in a buffer before the writer: the writer's
 * buffer, its checkpointed state and its retries all stay in user records, exactly as without
 * aggregation. An aggregate lives only for one attempt; when it fails, its user records are retried
 * (and packed again, with the shard map of that time), so at-least-once needs nothing new, and
 * {@link PutRecordsSubmitter}'s policy (fatal, {@code sink.fail-on-error}, retry) applies per user
 * record unchanged. A user record waits no longer than without aggregation: the batch is sent when
 * it is full or {@code sink.flush-buffer.timeout} passed. The cost: an aggregate holds at most one
 * batch's user records of its shard ({@code sink.batch.max-size}).
 *
 * <p>Shard map: the stream's open shards and their hash key ranges ({@link
 * PutRecordsProxy#listOpenShards}), listed before the first batch and again before the next batch
 * whenever Kinesis stored an aggregate in a shard other than the one it was packed for (the stream
 * was resharded). Such an aggregate is in the stream, but a reader drops it whole when one of its
 * user records hashes outside that shard (as the KCL and this connector's source do): its user
 * records are answered with the retryable error code {@value #WRONG_SHARD} and sent again, as the
 * KPL does, which can duplicate them for readers that do not drop it (at-least-once). A ListShards
 * failure fails the attempt as a failed call would (the submitter classifies it).
 *
 * <p>One batch usually becomes one PutRecords call. When the aggregates' framing takes a batch past
 * {@code sink.flush-buffer.size}, or past 500 records, it is split into several calls; if one of
 * them fails as a whole, the whole batch is retried.
 *
 * <p>Lifecycle: created and closed by the sink writer, which owns it and the proxy it wraps; {@link
 * #putRecords} runs in the writer's thread, the answers complete on the SDK's threads.
 */
@Internal
final class KplAggregatingProxy implements PutRecordsProxy {

    /** The entry error code of user records whose aggregate Kinesis stored in another shard. */
    static final String WRONG_SHARD = "KplAggregateInWrongShard";

    private static final Logger LOG = LoggerFactory.getLogger(KplAggregatingProxy.class);

    private final PutRecordsProxy inner;
    private final KinesisSinkConfig config;
    private final KinesisSinkMetrics metrics;
    private final KplBatchPacker packer;
    @Nullable private ShardMap shardMap;
    private volatile boolean shardMapStale = true;

    KplAggregatingProxy(
            PutRecordsProxy inner, KinesisSinkConfig config, KinesisSinkMetrics metrics) {
        this.inner = inner;
        this.config = config;
        this.metrics = metrics;
        this.packer =
                new KplBatchPacker(
                        Math.min(config.aggregationMaxSizeInBytes(), config.maxRecordSizeInBytes()),
                        config.aggregationMaxCount());
    }

    @Override
    public CompletableFuture<PutRecordsResult> putRecords(List<KinesisSinkEntry> entries) {
        List<KplBatchPacker.PackedRecord> packed = packer.pack(entries, shardMap());
        int aggregates = 0;
        int aggregatedUserRecords = 0;
        for (KplBatchPacker.PackedRecord record : packed) {
            if (record.isAggregate()) {
                aggregates++;
                aggregatedUserRecords += record.userIndexes.length;
            }
        }
        metrics.aggregatesSent(aggregates, aggregatedUserRecords);

        List<List<KplBatchPacker.PackedRecord>> calls = splitIntoCalls(packed);
        List<CompletableFuture<PutRecordsResult>> answers = new ArrayList<>(calls.size());
        for (List<KplBatchPacker.PackedRecord> call : calls) {
            List<KinesisSinkEntry> records = new ArrayList<>(call.size());
            for (KplBatchPacker.PackedRecord record : call) {
                records.add(record.record);
            }
            answers.add(inner.putRecords(records));
        }
        return CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
                .thenApply(ignored -> userRecordResults(entries.size(), calls, answers));
    }

    /** The current shard map, listed again first when it is stale. */
    private ShardMap shardMap() {
        if (shardMap == null || shardMapStale) {
            shardMapStale = false; // an answer arriving while we list marks it stale again
            try {
                Map<String, HashKeyRange> open = inner.listOpenShards();
                shardMap = ShardMap.of(open);
                LOG.debug(
                        "Shard map of stream '{}' for KPL aggregation: {} open shards",
                        config.stream(),
                        open.size());
            } catch (RuntimeException e) {
                shardMapStale = true;
                throw e;
            }
        }
        return shardMap;
    }

    /** Calls of at most 500 records and {@code sink.flush-buffer.size} bytes each, in order. */
    private List<List<KplBatchPacker.PackedRecord>> splitIntoCalls(
            List<KplBatchPacker.PackedRecord> packed) {
        List<List<KplBatchPacker.PackedRecord>> calls = new ArrayList<>();
        List<KplBatchPacker.PackedRecord> call = new ArrayList<>();
        long callBytes = 0;
        for (KplBatchPacker.PackedRecord record : packed) {
            long bytes = record.record.sizeInBytes();
            if (!call.isEmpty()
                    && (call.size() == KinesisLimits.MAX_RECORDS_PER_PUT
                            || callBytes + bytes > config.maxBatchSizeInBytes())) {
                calls.add(call);
                call = new ArrayList<>();
                callBytes = 0;
            }
            call.add(record);
            callBytes += bytes;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    /** Each user record answered as the Kinesis record that carried it was. */
    private PutRecordsResult userRecordResults(
            int userRecords,
            List<List<KplBatchPacker.PackedRecord>> calls,
            List<CompletableFuture<PutRecordsResult>> answers) {
        String[] codes = new String[userRecords];
        String[] messages = new String[userRecords];
        for (int c = 0; c < calls.size(); c++) {
            List<KplBatchPacker.PackedRecord> call = calls.get(c);
            PutRecordsResult answer = answers.get(c).join(); // all complete
            for (int r = 0; r < call.size(); r++) {
                KplBatchPacker.PackedRecord record = call.get(r);
                String code = answer.errorCode(r);
                String message = answer.errorMessage(r);
                String storedIn = answer.shardId(r);
                if (code == null
                        && record.isAggregate()
                        && storedIn != null
                        && !storedIn.equals(record.shardId)) {
                    shardMapStale = true;
                    metrics.aggregateInWrongShard();
                    code = WRONG_SHARD;
                    message =
                            "the KPL aggregated record of "
                                    + record.userIndexes.length
                                    + " user records was stored in shard "
                                    + storedIn
                                    + ", not in "
                                    + record.shardId
                                    + " (the stream was resharded); the shard map is listed"
                                    + " again and the user records are sent again";
                }
                for (int user : record.userIndexes) {
                    codes[user] = code;
                    messages[user] = message;
                }
            }
        }
        return PutRecordsResult.partial(Arrays.asList(codes), Arrays.asList(messages));
    }

    @Override
    public Map<String, HashKeyRange> listOpenShards() {
        return inner.listOpenShards();
    }

    @Override
    public void close() {
        inner.close();
    }
}
