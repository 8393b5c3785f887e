package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.source.enumerator.KinesisSourceEnumerator;
import io.github.flinkkinesis.kinesis.testutil.CapturedLogs;
import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@code source.init.position} {@code LATEST} means, measured: the first record read from a
 * shard is the first whose arrival time (Kinesis' clock) is at or after the job's start time (the
 * job manager's clock, taken at the first shard discovery), and every later record follows without
 * a gap. So the only error at the start is the skew between the two clocks; the test measures it
 * here, as the distance between each record's arrival time and the writer's clock around its
 * PutRecord call, to show that the boundary is exact when the clocks agree.
 */
class KinesisLatestStartITCase {

    private static final Pattern START = Pattern.compile("from AT_TIMESTAMP\\(([^)]+)\\)");

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite().withSlots(1);

    @Test
    void latestStartsAtTheFirstRecordThatArrivedAtOrAfterTheJobStart() throws Exception {
        TestStreams streams = ENV.streams();
        String stream = ENV.newStream(1);
        StreamTableEnvironment tableEnv = ENV.tableEnv(1);
        tableEnv.executeSql(
                ENV.ddl(
                        "latest (id INT)",
                        TestTables.unboundedRead(stream, "json")
                                .with("source.init.position", "LATEST")));

        // a record every 20 ms from before the job starts until enough were read after it
        Map<String, long[]> putWindows = new ConcurrentHashMap<>(); // sequence -> {before, after}
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer =
                new Thread(
                        () -> {
                            for (int id = 0; !stop.get(); id++) {
                                long before = System.currentTimeMillis();
                                String sequence =
                                        streams.putRecord(
                                                stream,
                                                "pk",
                                                ("{\"id\":" + id + "}")
                                                        .getBytes(StandardCharsets.UTF_8));
                                putWindows.put(
                                        sequence, new long[] {before, System.currentTimeMillis()});
                                TestStreams.sleep(20);
                            }
                        });
        List<Integer> read = new ArrayList<>();
        Instant start;
        try (CapturedLogs logs = new CapturedLogs(KinesisSourceEnumerator.class)) {
            writer.start();
            TestStreams.sleep(1000);
            try (CloseableIterator<Row> it =
                    tableEnv.executeSql("SELECT id FROM latest").collect()) {
                TestTables.within(
                        Duration.ofSeconds(60),
                        () -> {
                            while (read.size() < 20 && it.hasNext()) {
                                read.add((Integer) it.next().getField(0));
                            }
                            return null;
                        });
            } finally {
                stop.set(true);
                writer.join();
            }
            start = startTime(logs.lines());
        }

        List<TestStreams.ShardRecord> inKinesis = streams.readAll(stream);
        int firstAfterStart = -1;
        for (int i = 0; i < inKinesis.size(); i++) {
            if (!inKinesis.get(i).record().approximateArrivalTimestamp().isBefore(start)) {
                firstAfterStart = i;
                break;
            }
        }
        assertThat(firstAfterStart).as("records were written before the job started").isPositive();
        List<Integer> expected = new ArrayList<>();
        for (TestStreams.ShardRecord record :
                inKinesis.subList(firstAfterStart, inKinesis.size())) {
            expected.add(Integer.valueOf(record.data().replaceAll("\\D", "")));
        }
        assertThat(read).isEqualTo(expected.subList(0, read.size()));

        // the measured skew: every arrival time lies within its PutRecord call on our clock
        long maxSkewMillis = 0;
        for (TestStreams.ShardRecord record : inKinesis) {
            long[] window = putWindows.get(record.record().sequenceNumber());
            long arrival = record.record().approximateArrivalTimestamp().toEpochMilli();
            maxSkewMillis =
                    Math.max(maxSkewMillis, Math.max(window[0] - arrival, arrival - window[1]));
        }
        assertThat(maxSkewMillis).as("arrival time outside its PutRecord call, ms").isLessThan(1);
    }

    /** The start time the enumerator gave the first shard, from its discovery log line. */
    private static Instant startTime(List<String> lines) {
        for (String line : lines) {
            Matcher m = START.matcher(line);
            if (line.contains("Discovered shard") && m.find()) {
                return Instant.parse(m.group(1));
            }
        }
        throw new AssertionError("No discovery with a start time logged: " + lines);
    }
}
