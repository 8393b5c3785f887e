package io.github.flinkkinesis.kinesis.source;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Turns one Kinesis record into zero or more values. It sees the whole record and where it came
 * from, so that a table source can add metadata columns. An {@link IOException} fails the job; the
 * reader adds stream, shard and sequence number to its message.
 */
public interface KinesisDeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {

    /** Called once per reader before the first record. */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    void deserialize(Record record, String stream, String shardId, Collector<T> out)
            throws IOException;
}
