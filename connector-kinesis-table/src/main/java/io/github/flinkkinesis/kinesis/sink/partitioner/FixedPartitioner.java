package io.github.flinkkinesis.kinesis.sink.partitioner;

import org.apache.flink.annotation.PublicEvolving;

/**
 * {@code 'sink.partitioner' = 'fixed'}: every record of a sink subtask gets the same key, the
 * subtask's index ("0", "1", ...), so each subtask writes to a single shard and keeps its order.
 */
@PublicEvolving
public final class FixedPartitioner<T> implements KinesisPartitioner<T> {

    private static final long serialVersionUID = 1L;

    private String key = "0";

    @Override
    public void open(int subtaskIndex, int parallelism) {
        key = String.valueOf(subtaskIndex);
    }

    @Override
    public String getPartitionKey(T element) {
        return key;
    }
}
