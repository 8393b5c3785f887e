package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Which open shard of a stream owns a hash key: the open shards' hash key ranges from ListShards,
 * sorted, looked up by binary search. Immutable; replaced whole when the sink learns the stream was
 * resharded.
 */
@Internal
final class ShardMap {

    private final BigInteger[] starts;
    private final BigInteger[] ends;
    private final String[] shardIds;

    private ShardMap(List<Map.Entry<String, HashKeyRange>> sorted) {
        int n = sorted.size();
        this.starts = new BigInteger[n];
        this.ends = new BigInteger[n];
        this.shardIds = new String[n];
        for (int i = 0; i < n; i++) {
            starts[i] = sorted.get(i).getValue().start();
            ends[i] = sorted.get(i).getValue().end();
            shardIds[i] = sorted.get(i).getKey();
        }
    }

    /** The map of {@code openShards} (shard id to hash key range). */
    static ShardMap of(Map<String, HashKeyRange> openShards) {
        List<Map.Entry<String, HashKeyRange>> sorted = new ArrayList<>(openShards.entrySet());
        sorted.sort(Comparator.comparing(e -> e.getValue().start()));
        return new ShardMap(sorted);
    }

    /** The open shard whose range holds {@code hashKey}, or null when none does. */
    @Nullable
    String shardFor(BigInteger hashKey) {
        int low = 0;
        int high = starts.length - 1;
        int found = -1;
        while (low <= high) { // the last range starting at or before the key
            int mid = (low + high) >>> 1;
            if (starts[mid].compareTo(hashKey) <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found >= 0 && hashKey.compareTo(ends[found]) <= 0 ? shardIds[found] : null;
    }

    int size() {
        return shardIds.length;
    }
}
