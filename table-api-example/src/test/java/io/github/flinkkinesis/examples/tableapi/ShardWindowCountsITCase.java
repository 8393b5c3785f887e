package io.github.flinkkinesis.examples.tableapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.testing.LocalServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The Table API program run the way its user starts it, through {@code main} with the arguments of
 * its command line, against kinesalite (Kinesis) and moto (Glue). It runs in this JVM on a Flink
 * MiniCluster: like {@code flink run}, the test provides the context environment that {@code
 * TableEnvironment.create} picks up, so the program's code is the same as on a cluster, and its job
 * is a real Flink job with real tasks, network and watermarks; what a child JVM or a real cluster
 * would add (jar upload, class loading from lib/) is covered by the cluster tests and the SQL
 * Client demo for the same jars.
 *
 * <p>The test puts records in rounds a window apart, reads back from Kinesis which shard holds each
 * and when it arrived (ListShards, GetRecords), and expects exactly one output row per shard and
 * window with the count and amount sum of those records. The read is bounded ({@code --bounded
 * true}): the job stops at the records present when it starts, and the final watermark closes the
 * last windows.
 */
class ShardWindowCountsITCase {

    @RegisterExtension
    static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();

    @RegisterExtension static final LocalServerExtension GLUE = LocalServerExtension.moto();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final int ROUNDS = 3;
    private static final int RECORDS_PER_ROUND = 40;
    private static final Pattern AMOUNT = Pattern.compile("\"amount\":\\s*(\\d+)");

    @Test
    void writesOneRowPerShardAndWindowWithTheRecordsKinesisHolds() throws Exception {
        String input = "events-" + System.nanoTime();
        String output = "counts-" + System.nanoTime();
        String database = "example_" + System.nanoTime();
        Map<ShardWindow, Totals> expected;
        try (KinesisClient kinesis = LocalStreams.client(KINESIS.endpoint())) {
            LocalStreams.create(kinesis, input, 2);
            LocalStreams.create(kinesis, output, 1);
            putRoundsAWindowApart(kinesis, input);
            expected = expectedTotals(LocalStreams.readAll(kinesis, input));
        }
        assertThat(expected.keySet().stream().map(ShardWindow::shardId).distinct())
                .as("records in both shards")
                .hasSize(2);
        assertThat(expected.keySet().stream().map(ShardWindow::windowStart).distinct().count())
                .as("records in several windows")
                .isGreaterThanOrEqualTo(ROUNDS);

        ShardWindowCounts.main(
                "--input-stream",
                input,
                "--output-stream",
                output,
                "--database",
                database,
                "--region",
                "us-east-1",
                "--glue-endpoint",
                GLUE.endpoint().toString(),
                "--kinesis-endpoint",
                KINESIS.endpoint().toString(),
                "--window",
                "2 s",
                "--watermark-delay",
                "1 s",
                "--start",
                "TRIM_HORIZON",
                "--bounded",
                "true",
                "--catalog.aws.credentials.provider",
                "BASIC",
                "--catalog.aws.credentials.basic.accesskeyid",
                LocalStreams.CREDENTIAL,
                "--catalog.aws.credentials.basic.secretkey",
                LocalStreams.CREDENTIAL);

        List<OutputRow> rows;
        try (KinesisClient kinesis = LocalStreams.client(KINESIS.endpoint())) {
            rows = new ArrayList<>();
            for (LocalStreams.ShardRecord record : LocalStreams.readAll(kinesis, output)) {
                rows.add(OutputRow.parse(record.data()));
            }
        }
        Map<ShardWindow, Totals> actual = new TreeMap<>();
        for (OutputRow row : rows) {
            assertThat(row.windowEnd()).isEqualTo(row.key().windowStart().plus(WINDOW));
            assertThat(actual.put(row.key(), row.totals()))
                    .as("one row per shard and window: %s", row.key())
                    .isNull();
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(glueTables(database)).containsExactlyInAnyOrder("events", "shard_window_counts");
    }

    /** Puts the rounds of records, each round in the window after the previous one's. */
    private static void putRoundsAWindowApart(KinesisClient kinesis, String stream)
            throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < RECORDS_PER_ROUND; i++) {
                int id = round * RECORDS_PER_ROUND + i;
                String json = "{\"event_id\": " + id + ", \"amount\": " + (id % 7 + 1) + "}";
                entries.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey("key-" + id)
                                .data(SdkBytes.fromString(json, StandardCharsets.UTF_8))
                                .build());
            }
            assertThat(
                            kinesis.putRecords(r -> r.streamName(stream).records(entries))
                                    .failedRecordCount())
                    .isZero();
            Thread.sleep(WINDOW.toMillis() + 200);
        }
    }

    /** Count and amount sum per shard (as GetRecords reports it) and window of arrival. */
    private static Map<ShardWindow, Totals> expectedTotals(List<LocalStreams.ShardRecord> records) {
        Map<ShardWindow, Totals> totals = new TreeMap<>();
        for (LocalStreams.ShardRecord record : records) {
            long arrival = record.record().approximateArrivalTimestamp().toEpochMilli();
            Instant windowStart =
                    Instant.ofEpochMilli(arrival - Math.floorMod(arrival, WINDOW.toMillis()));
            Matcher amount = AMOUNT.matcher(record.data());
            assertThat(amount.find()).as(record.data()).isTrue();
            totals.merge(
                    new ShardWindow(record.shardId(), windowStart),
                    new Totals(1, Long.parseLong(amount.group(1))),
                    Totals::plus);
        }
        return totals;
    }

    private static List<String> glueTables(String database) {
        try (GlueClient glue = LocalStreams.glue(GLUE.endpoint())) {
            return glue.getTables(r -> r.databaseName(database)).tableList().stream()
                    .map(Table::name)
                    .toList();
        }
    }

    /** A shard and the start of a window. */
    record ShardWindow(String shardId, Instant windowStart) implements Comparable<ShardWindow> {
        @Override
        public int compareTo(ShardWindow other) {
            int byShard = shardId.compareTo(other.shardId);
            return byShard != 0 ? byShard : windowStart.compareTo(other.windowStart);
        }
    }

    /** Records and amount of one shard and window. */
    record Totals(long records, long amount) {
        Totals plus(Totals other) {
            return new Totals(records + other.records, amount + other.amount);
        }
    }

    /** One record of the output stream, a JSON object written by the program. */
    record OutputRow(ShardWindow key, Instant windowEnd, Totals totals) {
        private static final Pattern FIELDS =
                Pattern.compile(
                        "\\{\"shard_id\":\"([^\"]+)\",\"window_start\":\"([^\"]+)\","
                                + "\"window_end\":\"([^\"]+)\",\"record_count\":(\\d+),"
                                + "\"amount_sum\":(\\d+)}");

        static OutputRow parse(String json) {
            Matcher m = FIELDS.matcher(json);
            assertThat(m.matches()).as("an output record: %s", json).isTrue();
            return new OutputRow(
                    new ShardWindow(m.group(1), utc(m.group(2))),
                    utc(m.group(3)),
                    new Totals(Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
        }

        /** A TIMESTAMP(3) written in ISO-8601 in the program's UTC session time zone. */
        private static Instant utc(String timestamp) {
            return LocalDateTime.parse(timestamp).toInstant(ZoneOffset.UTC);
        }
    }
}
