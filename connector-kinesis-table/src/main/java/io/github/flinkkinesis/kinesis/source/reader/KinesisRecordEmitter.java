package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.aws.FlatFailure;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.KinesisDeserializationSchema;
import io.github.flinkkinesis.kinesis.source.kpl.Deaggregated;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Deserializes each fetched record in the reader's main thread, emits the values with the record's
 * approximate arrival time as their timestamp, then advances the shard's position. A record that
 * cannot be decoded fails the job with its stream, shard and sequence number.
 *
 * <p>A record the KPL aggregated is de-aggregated here ({@link KplDeaggregator}): each user record
 * is decoded on its own, and after user record k of record S the position is (S, k); after the last
 * one it is just after S. A reader resuming inside S (the fetcher reads S again) skips the user
 * records up to k. An aggregate that landed in the wrong shard (a user record hashes outside the
 * shard's hash key range, which the split state carries) gives no row, and the position moves just
 * after it, so a checkpoint does not read it again. Plain records pay one check of their first
 * bytes.
 */
@Internal
public final class KinesisRecordEmitter<T>
        implements RecordEmitter<Record, T, KinesisShardSplitState> {

    private final KinesisDeserializationSchema<T> deserializer;
    private final KplDeaggregator deaggregator;
    private final OutputCollector<T> collector = new OutputCollector<>();

    public KinesisRecordEmitter(
            KinesisDeserializationSchema<T> deserializer, KplDeaggregator deaggregator) {
        this.deserializer = deserializer;
        this.deaggregator = deaggregator;
    }

    @Override
    public void emitRecord(Record record, SourceOutput<T> output, KinesisShardSplitState state)
            throws IOException {
        Instant arrival = record.approximateArrivalTimestamp();
        collector.output = output;
        collector.timestamp = arrival == null ? Long.MIN_VALUE : arrival.toEpochMilli();
        Deaggregated result =
                deaggregator.deaggregate(
                        record, state.streamName(), state.shardId(), state.hashKeyRange());
        if (result instanceof Deaggregated.UserRecords userRecords) {
            emitUserRecords(record.sequenceNumber(), userRecords.records(), state);
        } else if (result instanceof Deaggregated.Dropped) {
            // an aggregate in the wrong shard (counted and logged): no row, the position moves on
            state.emitted(record.sequenceNumber());
        } else {
            // not an aggregate, or a malformed one (counted and logged): one record, as the KCL
            // does
            decode(record, StartingPosition.NO_SUB_SEQUENCE, state);
            state.emitted(record.sequenceNumber());
        }
    }

    private void emitUserRecords(
            String sequenceNumber, List<Record> userRecords, KinesisShardSplitState state)
            throws IOException {
        int last = userRecords.size() - 1;
        long resumeAfter = state.lastSubRecordEmittedBeforeResume(sequenceNumber);
        for (int i = (int) Math.min(resumeAfter + 1, userRecords.size()); i <= last; i++) {
            decode(userRecords.get(i), i, state);
            if (i < last) {
                state.emittedSubRecord(sequenceNumber, i);
            }
        }
        state.emitted(sequenceNumber);
    }

    private void decode(Record record, long subSequenceNumber, KinesisShardSplitState state)
            throws IOException {
        try {
            deserializer.deserialize(
                    record, subSequenceNumber, state.streamName(), state.shardId(), collector);
        } catch (IOException | RuntimeException e) {
            // the format's exception is suppressed, not the cause: SQL clients print only the
            // deepest cause, and this message is the one that names the record (see
            // AwsSetupException)
            IOException failure =
                    new IOException(
                            "Could not decode the record of Kinesis stream '"
                                    + state.streamName()
                                    + "', shard '"
                                    + state.shardId()
                                    + "', sequence number "
                                    + record.sequenceNumber()
                                    + (subSequenceNumber == StartingPosition.NO_SUB_SEQUENCE
                                            ? ""
                                            : ", sub-sequence number " + subSequenceNumber)
                                    + " with the table's format (option 'format' must match"
                                    + " what the producers write; some formats can skip such"
                                    + " records, e.g. 'json.ignore-parse-errors'): "
                                    + e.getMessage());
            FlatFailure.suppressInto(failure, e);
            throw failure;
        }
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
