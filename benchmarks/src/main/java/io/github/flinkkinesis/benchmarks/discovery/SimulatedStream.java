package io.github.flinkkinesis.benchmarks.discovery;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.StreamProxy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A stream in memory with a reshard history, answering ListShards the way Kinesis pages it (at most
 * {@value #PAGE_SIZE} shards per page, shards in id order, {@code ExclusiveStartShardId} honoured)
 * and counting the pages it served. Only the discovery calls are implemented: the benchmark
 * measures the enumerator, not reading.
 *
 * <p>History: the stream is created with {@code initialShards} shards of equal hash key ranges,
 * then each open shard is split in two, {@code splits} times over, as {@code UpdateShardCount}
 * doubling a stream does. The parents stay listed (closed, within retention).
 */
final class SimulatedStream implements StreamProxy {

    /** Most shards per ListShards page on AWS. */
    static final int PAGE_SIZE = 1000;

    private static final BigInteger MAX_HASH_KEY = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    private final TreeMap<String, Shard> shards = new TreeMap<>();
    private int nextShardNumber;
    private long pages;

    SimulatedStream(int initialShards, int splits) {
        BigInteger width =
                MAX_HASH_KEY.add(BigInteger.ONE).divide(BigInteger.valueOf(initialShards));
        for (int i = 0; i < initialShards; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end =
                    i == initialShards - 1
                            ? MAX_HASH_KEY
                            : start.add(width).subtract(BigInteger.ONE);
            add(null, start, end);
        }
        for (int round = 0; round < splits; round++) {
            for (Shard open : openShards()) {
                split(open.shardId());
            }
        }
    }

    /** Splits an open shard in two halves of its range; returns the children's ids. */
    List<String> split(String shardId) {
        Shard parent = shards.get(shardId);
        BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
        BigInteger middle = start.add(end).shiftRight(1);
        shards.put(
                shardId,
                parent.toBuilder()
                        .sequenceNumberRange(
                                SequenceNumberRange.builder()
                                        .startingSequenceNumber("0")
                                        .endingSequenceNumber("1")
                                        .build())
                        .build());
        return List.of(add(shardId, start, middle), add(shardId, middle.add(BigInteger.ONE), end));
    }

    private String add(String parent, BigInteger start, BigInteger end) {
        String id = String.format("shardId-%012d", nextShardNumber++);
        shards.put(
                id,
                Shard.builder()
                        .shardId(id)
                        .parentShardId(parent)
                        .hashKeyRange(
                                HashKeyRange.builder()
                                        .startingHashKey(start.toString())
                                        .endingHashKey(end.toString())
                                        .build())
                        .sequenceNumberRange(
                                SequenceNumberRange.builder().startingSequenceNumber("0").build())
                        .build());
        return id;
    }

    List<Shard> openShards() {
        List<Shard> open = new ArrayList<>();
        for (Shard shard : shards.values()) {
            if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                open.add(shard);
            }
        }
        return open;
    }

    int shardCount() {
        return shards.size();
    }

    /** ListShards pages served so far. */
    long pages() {
        return pages;
    }

    @Override
    public List<Shard> listShards(StreamId stream, String afterShardId) {
        List<Shard> listed =
                new ArrayList<>(
                        afterShardId == null
                                ? shards.values()
                                : shards.tailMap(afterShardId, false).values());
        pages += Math.max(1, (listed.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        return listed;
    }

    @Override
    public List<String> listStreamNames() {
        pages++;
        return List.of(DiscoveryScale.STREAM.name());
    }

    @Override
    public String getShardIterator(StreamId stream, String shardId, StartingPosition position) {
        throw new UnsupportedOperationException("the discovery benchmark does not read");
    }

    @Override
    public GetRecordsResponse getRecords(String shardIterator, int limit) {
        throw new UnsupportedOperationException("the discovery benchmark does not read");
    }

    @Override
    public void close() {}
}
