package io.github.flinkkinesis.kinesis.testutil.fakes;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.proxy.StreamProxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A hand-written in-memory {@link StreamProxy}: shards with parents, records per shard, closed
 * shards, and scripted failures (exceptions thrown by the next calls). Iterators are
 * "shardId/index" strings; it records every call so tests can check what was asked.
 */
public final class FakeStreamProxy implements StreamProxy {

    private final List<Shard> shards = new ArrayList<>();
    private final Map<String, List<Record>> records = new HashMap<>();
    private final Map<String, Boolean> closed = new HashMap<>();
    private final Deque<RuntimeException> getRecordsFailures = new ArrayDeque<>();
    private final Deque<RuntimeException> getShardIteratorFailures = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private long millisBehindLatest;
    private boolean closedProxy;

    public FakeStreamProxy addShard(String shardId, String parent, String adjacentParent) {
        shards.add(
                Shard.builder()
                        .shardId(shardId)
                        .parentShardId(parent)
                        .adjacentParentShardId(adjacentParent)
                        .sequenceNumberRange(
                                SequenceNumberRange.builder().startingSequenceNumber("0").build())
                        .build());
        records.put(shardId, new ArrayList<>());
        closed.put(shardId, false);
        return this;
    }

    public FakeStreamProxy addShard(String shardId) {
        return addShard(shardId, null, null);
    }

    /** Closes a shard: ListShards reports an ending sequence number, reads end with null. */
    public FakeStreamProxy closeShard(String shardId) {
        closed.put(shardId, true);
        return updateShard(
                shardId,
                s ->
                        s.sequenceNumberRange(
                                SequenceNumberRange.builder()
                                        .startingSequenceNumber("0")
                                        .endingSequenceNumber("999999")
                                        .build()));
    }

    /** Sets the hash key range ListShards reports for a shard (none by default). */
    public FakeStreamProxy hashKeyRange(String shardId, String start, String end) {
        return updateShard(
                shardId,
                s ->
                        s.hashKeyRange(
                                HashKeyRange.builder()
                                        .startingHashKey(start)
                                        .endingHashKey(end)
                                        .build()));
    }

    private FakeStreamProxy updateShard(String shardId, Consumer<Shard.Builder> change) {
        shards.replaceAll(
                s -> {
                    if (!s.shardId().equals(shardId)) {
                        return s;
                    }
                    Shard.Builder builder = s.toBuilder();
                    change.accept(builder);
                    return builder.build();
                });
        return this;
    }

    /** Removes a shard from ListShards, as Kinesis does once a closed shard is past retention. */
    public FakeStreamProxy expireShard(String shardId) {
        shards.removeIf(s -> s.shardId().equals(shardId));
        return this;
    }

    /** Appends a record; its sequence number is its index in the shard, zero-padded. */
    public Record addRecord(String shardId, String data, Instant arrival) {
        return addRecord(shardId, data.getBytes(StandardCharsets.UTF_8), arrival);
    }

    /** Appends a record with binary data (e.g. a KPL aggregate). */
    public Record addRecord(String shardId, byte[] data, Instant arrival) {
        List<Record> shardRecords = records.get(shardId);
        Record record =
                Record.builder()
                        .sequenceNumber(String.format("%05d", shardRecords.size()))
                        .partitionKey("pk-" + shardRecords.size())
                        .approximateArrivalTimestamp(arrival)
                        .data(SdkBytes.fromByteArray(data))
                        .build();
        shardRecords.add(record);
        return record;
    }

    public void failNextGetRecords(RuntimeException e) {
        getRecordsFailures.add(e);
    }

    public void failNextGetShardIterator(RuntimeException e) {
        getShardIteratorFailures.add(e);
    }

    public void setMillisBehindLatest(long millis) {
        this.millisBehindLatest = millis;
    }

    public List<String> calls() {
        return calls;
    }

    public boolean isClosed() {
        return closedProxy;
    }

    @Override
    public List<Shard> listShards() {
        calls.add("listShards");
        return new ArrayList<>(shards);
    }

    @Override
    public String getShardIterator(String shardId, StartingPosition position) {
        calls.add("getShardIterator " + shardId + " " + position);
        if (!getShardIteratorFailures.isEmpty()) {
            throw getShardIteratorFailures.poll();
        }
        List<Record> shardRecords = records.get(shardId);
        int index;
        switch (position.type()) {
            case TRIM_HORIZON:
                index = 0;
                break;
            case LATEST:
                index = shardRecords.size();
                break;
            case AT_TIMESTAMP:
                index = 0;
                while (index < shardRecords.size()
                        && shardRecords
                                .get(index)
                                .approximateArrivalTimestamp()
                                .isBefore(position.timestamp())) {
                    index++;
                }
                break;
            case AFTER_SEQUENCE_NUMBER:
                // inside a KPL aggregate: at the record, as KinesisStreamProxy asks Kinesis
                index =
                        Integer.parseInt(position.sequenceNumber())
                                + (position.isInsideAggregatedRecord() ? 0 : 1);
                break;
            default:
                throw new IllegalArgumentException(position.toString());
        }
        return shardId + "/" + index;
    }

    @Override
    public GetRecordsResponse getRecords(String shardIterator, int limit) {
        calls.add("getRecords " + shardIterator);
        if (!getRecordsFailures.isEmpty()) {
            throw getRecordsFailures.poll();
        }
        String shardId = shardIterator.substring(0, shardIterator.indexOf('/'));
        int from = Integer.parseInt(shardIterator.substring(shardIterator.indexOf('/') + 1));
        List<Record> shardRecords = records.get(shardId);
        int to = Math.min(shardRecords.size(), from + limit);
        List<Record> batch = new ArrayList<>(shardRecords.subList(Math.min(from, to), to));
        boolean end = closed.get(shardId) && to >= shardRecords.size();
        return GetRecordsResponse.builder()
                .records(batch)
                .nextShardIterator(end ? null : shardId + "/" + to)
                .millisBehindLatest(to >= shardRecords.size() ? 0L : millisBehindLatest)
                .build();
    }

    @Override
    public void close() {
        closedProxy = true;
    }
}
