package io.github.flinkkinesis.kinesis.source.kpl;

import java.util.List;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * What {@link KplDeaggregator} makes of one Kinesis record, one of three cases: {@link PlainRecord}
 * (emit the record as it is), {@link UserRecords} (emit the user records of a KPL aggregate
 * instead) or {@link Dropped} (emit nothing). In every case the shard's position moves past the
 * Kinesis record once the case is handled.
 *
 * <p>Lifecycle: made for one record by the de-aggregator and consumed at once by the record
 * emitter, in the reader's task thread; immutable.
 */
@Internal
public sealed interface Deaggregated {

    /** The one {@link PlainRecord}: it carries nothing, so plain records allocate nothing. */
    PlainRecord PLAIN_RECORD = new PlainRecord();

    /**
     * The record is emitted as one plain record: it is not a KPL aggregate, or not a valid one (as
     * the KCL does).
     */
    final class PlainRecord implements Deaggregated {
        private PlainRecord() {}

        @Override
        public String toString() {
            return "PlainRecord";
        }
    }

    /**
     * The user records of a valid aggregate, at least one, in their order: the index of each is its
     * sub-sequence number.
     */
    record UserRecords(List<Record> records) implements Deaggregated {}

    /**
     * A valid aggregate of which nothing is emitted; {@code reason} says why for the log, e.g.
     * which user record hashes outside the shard's hash key range. Never the payload.
     */
    record Dropped(String reason) implements Deaggregated {}
}
