package io.github.flinkkinesis.kinesis.testutil.fakes;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.StreamProxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A hand-written in-memory {@link StreamProxy}: shards with parents, records per shard, closed
 * shards, and scripted failures (exceptions thrown by the next calls). Iterators are
 * "shardId/index" strings ("stream:shardId/index" for a named stream); it records every call so
 * tests can check what was asked.
 *
 * <p>Streams: the methods of a {@code new FakeStreamProxy()} edit the default stream, which answers
 * for every stream not added by name, so that single-stream tests need not name it. {@link
 * #stream(String)} adds (or returns) a named stream, a view on the same fake whose methods edit
 * that stream; ListStreams returns the named streams.
 */
public final class FakeStreamProxy implements StreamProxy {

    /** What the views of one fake share. */
    private static final class Shared {
        final Map<String, StreamData> named = new LinkedHashMap<>();
        final StreamData defaultStream = new StreamData();
        final Deque<RuntimeException> getRecordsFailures = new ArrayDeque<>();
        final Deque<RuntimeException> getShardIteratorFailures = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        final Set<String> deletedNames = new HashSet<>();
        long millisBehindLatest;
        boolean closedProxy;

        StreamData data(String streamName) {
            return streamName == null
                    ? defaultStream
                    : named.getOrDefault(streamName, defaultStream);
        }
    }

    private static final class StreamData {
        final List<Shard> shards = new ArrayList<>();
        final Map<String, List<Record>> records = new HashMap<>();
        final Map<String, Boolean> closed = new HashMap<>();
    }

    private final Shared shared;
    private final String streamName;
    private final List<Shard> shards;
    private final Map<String, List<Record>> records;
    private final Map<String, Boolean> closed;
    private final Deque<RuntimeException> getRecordsFailures;
    private final Deque<RuntimeException> getShardIteratorFailures;
    private final List<String> calls;

    public FakeStreamProxy() {
        this(new Shared(), null);
    }

    private FakeStreamProxy(Shared shared, String streamName) {
        this.shared = shared;
        this.streamName = streamName;
        StreamData data = streamName == null ? shared.defaultStream : shared.named.get(streamName);
        this.shards = data.shards;
        this.records = data.records;
        this.closed = data.closed;
        this.getRecordsFailures = shared.getRecordsFailures;
        this.getShardIteratorFailures = shared.getShardIteratorFailures;
        this.calls = shared.calls;
    }

    /** The stream named {@code name}, added on the first call: a view that edits it. */
    public FakeStreamProxy stream(String name) {
        shared.named.computeIfAbsent(name, n -> new StreamData());
        return new FakeStreamProxy(shared, name);
    }

    /** Deletes a named stream: its calls answer ResourceNotFound, ListStreams omits it. */
    public void deleteStream(String name) {
        shared.named.remove(name);
        shared.deletedNames.add(name);
    }

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
        shared.millisBehindLatest = millis;
    }

    public List<String> calls() {
        return calls;
    }

    public boolean isClosed() {
        return shared.closedProxy;
    }

    @Override
    public List<Shard> listShards(StreamId stream, String afterShardId) {
        calls.add(
                "listShards"
                        + (shared.named.isEmpty() ? "" : " " + stream.name())
                        + (afterShardId == null ? "" : " after " + afterShardId));
        List<Shard> listed = new ArrayList<>();
        for (Shard shard : dataOf(stream.name()).shards) {
            if (afterShardId == null || shard.shardId().compareTo(afterShardId) > 0) {
                listed.add(shard);
            }
        }
        return listed;
    }

    @Override
    public List<String> listStreamNames() {
        calls.add("listStreams");
        return new ArrayList<>(shared.named.keySet());
    }

    private StreamData dataOf(String name) {
        if (shared.deletedNames.contains(name)) {
            throw ResourceNotFoundException.builder()
                    .message("Stream " + name + " under account 000000000000 not found.")
                    .build();
        }
        return shared.data(name);
    }

    @Override
    public String getShardIterator(StreamId stream, String shardId, StartingPosition position) {
        calls.add("getShardIterator " + shardId + " " + position);
        if (!getShardIteratorFailures.isEmpty()) {
            throw getShardIteratorFailures.poll();
        }
        StreamData data = dataOf(stream.name());
        List<Record> shardRecords = data.records.get(shardId);
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
        String prefix = shared.named.containsKey(stream.name()) ? stream.name() + ":" : "";
        return prefix + shardId + "/" + index;
    }

    @Override
    public GetRecordsResponse getRecords(String shardIterator, int limit) {
        calls.add("getRecords " + shardIterator);
        if (!getRecordsFailures.isEmpty()) {
            throw getRecordsFailures.poll();
        }
        int colon = shardIterator.indexOf(':');
        StreamData data =
                colon < 0 ? shared.defaultStream : dataOf(shardIterator.substring(0, colon));
        String prefix = colon < 0 ? "" : shardIterator.substring(0, colon + 1);
        String shardId = shardIterator.substring(colon + 1, shardIterator.indexOf('/'));
        int from = Integer.parseInt(shardIterator.substring(shardIterator.indexOf('/') + 1));
        List<Record> shardRecords = data.records.get(shardId);
        int to = Math.min(shardRecords.size(), from + limit);
        List<Record> batch = new ArrayList<>(shardRecords.subList(Math.min(from, to), to));
        boolean end = data.closed.get(shardId) && to >= shardRecords.size();
        return GetRecordsResponse.builder()
                .records(batch)
                .nextShardIterator(end ? null : prefix + shardId + "/" + to)
                .millisBehindLatest(to >= shardRecords.size() ? 0L : shared.millisBehindLatest)
                .build();
    }

    @Override
    public void close() {
        shared.closedProxy = true;
    }
}
