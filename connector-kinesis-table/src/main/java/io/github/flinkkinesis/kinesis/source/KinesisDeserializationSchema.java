package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Turns one Kinesis record into zero or more values. It sees the whole record and where it came
 * from, so that a table source can add metadata columns. An {@link IOException} fails the job; the
 * reader adds stream, shard and sequence number (and sub-sequence number) to its message.
 *
 * <p>Records that the KPL aggregated reach it one user record at a time: a {@link Record} with the
 * user record's data and partition key and the enclosing record's sequence number and arrival time.
 * Implement {@link #deserialize(Record, long, String, String, Collector)} to also see the user
 * record's sub-sequence number.
 */
@PublicEvolving
public interface KinesisDeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {

    /** Called once per reader before the first record. */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    void deserialize(Record record, String stream, String shardId, Collector<T> out)
            throws IOException;

    /**
     * What the reader calls: {@code subSequenceNumber} is the index of a de-aggregated user record
     * in its KPL aggregate, or {@link StartingPosition#NO_SUB_SEQUENCE} for a record that was not
     * aggregated. By default it ignores the sub-sequence number.
     */
    default void deserialize(
            Record record, long subSequenceNumber, String stream, String shardId, Collector<T> out)
            throws IOException {
        deserialize(record, stream, shardId, out);
    }
}
