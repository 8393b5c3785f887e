package io.github.flinkkinesis.kinesis.source;

import org.apache.flink.annotation.PublicEvolving;

/**
 * How the enumerator picks the reader subtask of a shard that is ready to be read. Either way a
 * shard keeps its subtask until it is finished (or its reader fails).
 */
@PublicEvolving
public enum ShardAssigner {

    /**
     * The subtask with the fewest open (assigned, not finished) shards; ties go to the lowest
     * subtask index, and shards that become ready together are placed in the order of their hash
     * key ranges. Keeps the subtasks within one open shard of each other however often the stream
     * is split and merged. The owners are checkpointed, so a restore keeps counting from them.
     */
    UNIFORM,

    /**
     * The number at the end of the shard id modulo the parallelism (the connector's behaviour
     * before {@link #UNIFORM}). Even for the shards a stream is created with; after splits and
     * merges, whose children get new numbers, one subtask can end up with most open shards.
     */
    SHARD_ID_MODULO
}
