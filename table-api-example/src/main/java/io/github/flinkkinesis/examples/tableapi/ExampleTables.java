package io.github.flinkkinesis.examples.tableapi;

import java.time.Duration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;

/**
 * The two Kinesis tables of {@link ShardWindowCounts}, as they are stored in the Glue catalog: the
 * events read (a JSON value plus the {@code shard-id} and {@code timestamp} metadata of each
 * record, and a watermark on the arrival time) and the counts written. Only the stream and the
 * format are stored: region, credentials and endpoint come from the catalog.
 */
final class ExampleTables {

    static final String EVENTS = "events";
    static final String COUNTS = "shard_window_counts";

    private ExampleTables() {}

    /** {@code {"event_id": 1, "amount": 25}} records, with their shard and arrival time. */
    static TableDescriptor events(String stream, Duration watermarkDelay) {
        return TableDescriptor.forConnector("kinesis")
                .schema(
                        Schema.newBuilder()
                                .column("event_id", DataTypes.BIGINT())
                                .column("amount", DataTypes.BIGINT())
                                .columnByMetadata("shard_id", DataTypes.STRING(), "shard-id", true)
                                .columnByMetadata(
                                        "arrival_time",
                                        DataTypes.TIMESTAMP_LTZ(3),
                                        "timestamp",
                                        true)
                                .watermark(
                                        "arrival_time",
                                        "arrival_time - " + interval(watermarkDelay))
                                .build())
                .option("stream.arn", stream)
                .format("json")
                .comment("Events; event time is the arrival time in Kinesis")
                .build();
    }

    /** One JSON record per shard and window, timestamps in ISO-8601 (UTC). */
    static TableDescriptor counts(String stream) {
        return TableDescriptor.forConnector("kinesis")
                .schema(
                        Schema.newBuilder()
                                .column("shard_id", DataTypes.STRING())
                                .column("window_start", DataTypes.TIMESTAMP(3))
                                .column("window_end", DataTypes.TIMESTAMP(3))
                                .column("record_count", DataTypes.BIGINT())
                                .column("amount_sum", DataTypes.BIGINT())
                                .build())
                .option("stream.arn", stream)
                .format("json")
                .option("json.timestamp-format.standard", "ISO-8601")
                .comment("Records and amount per shard of the events stream and tumbling window")
                .build();
    }

    /** A SQL interval literal of {@code duration} (under 100 days), to the millisecond. */
    static String interval(Duration duration) {
        return String.format(
                "INTERVAL '%d %02d:%02d:%02d.%03d' DAY TO SECOND(3)",
                duration.toDaysPart(),
                duration.toHoursPart(),
                duration.toMinutesPart(),
                duration.toSecondsPart(),
                duration.toMillisPart());
    }
}
