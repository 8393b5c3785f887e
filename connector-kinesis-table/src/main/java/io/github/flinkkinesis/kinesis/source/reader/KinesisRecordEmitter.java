package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.source.KinesisDeserializationSchema;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Deserializes each fetched record in the reader's main thread, emits the values with the record's
 * approximate arrival time as their timestamp, then advances the shard's position. A record that
 * cannot be decoded fails the job with its stream, shard and sequence number.
 */
public final class KinesisRecordEmitter<T>
        implements RecordEmitter<Record, T, KinesisShardSplitState> {

    private final KinesisDeserializationSchema<T> deserializer;
    private final String streamName;
    private final OutputCollector<T> collector = new OutputCollector<>();

    public KinesisRecordEmitter(KinesisDeserializationSchema<T> deserializer, String streamName) {
        this.deserializer = deserializer;
        this.streamName = streamName;
    }

    @Override
    public void emitRecord(Record record, SourceOutput<T> output, KinesisShardSplitState state)
            throws IOException {
        Instant arrival = record.approximateArrivalTimestamp();
        collector.output = output;
        collector.timestamp = arrival == null ? Long.MIN_VALUE : arrival.toEpochMilli();
        try {
            deserializer.deserialize(record, streamName, state.shardId(), collector);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "Could not decode the record of Kinesis stream '"
                            + streamName
                            + "', shard '"
                            + state.shardId()
                            + "', sequence number "
                            + record.sequenceNumber()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        state.emitted(record.sequenceNumber());
    }

    /** Forwards to the split's output with the current record's timestamp; reused per record. */
    private static final class OutputCollector<T> implements Collector<T> {
        SourceOutput<T> output;
        long timestamp;

        @Override
        public void collect(T value) {
            if (timestamp == Long.MIN_VALUE) {
                output.collect(value);
            } else {
                output.collect(value, timestamp);
            }
        }

        @Override
        public void close() {}
    }
}
