package io.github.flinkkinesis.kinesis.sink.partitioner;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.annotation.PublicEvolving;

/**
 * {@code 'sink.partitioner' = 'random'} (the default): a random key per record, which spreads
 * records evenly over all shards. A random 64-bit hex number is as good as a UUID for hashing and
 * far cheaper to make (no SecureRandom).
 */
@PublicEvolving
public final class RandomPartitioner<T> implements KinesisPartitioner<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getPartitionKey(T element) {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
