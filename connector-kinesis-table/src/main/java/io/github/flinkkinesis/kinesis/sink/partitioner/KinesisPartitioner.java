package io.github.flinkkinesis.kinesis.sink.partitioner;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Chooses the partition key of each record, and so the shard it lands on (Kinesis hashes the key
 * with MD5 onto the shards' hash key ranges).
 *
 * <p>A custom partitioner for {@code 'sink.partitioner' = 'com.example.MyPartitioner'} implements
 * {@code KinesisPartitioner<RowData>} and has a public no-argument constructor. It is serialized
 * with the job, {@link #open} is called once per sink subtask before the first record, and its key
 * must be 1 to 256 characters (an invalid key fails the job with a message naming the class).
 */
@PublicEvolving
public interface KinesisPartitioner<T> extends Serializable {

    /** Called once in each sink subtask before {@link #getPartitionKey}. */
    default void open(int subtaskIndex, int parallelism) {}

    /** The partition key of {@code element}: 1 to 256 Unicode characters. */
    String getPartitionKey(T element);
}
