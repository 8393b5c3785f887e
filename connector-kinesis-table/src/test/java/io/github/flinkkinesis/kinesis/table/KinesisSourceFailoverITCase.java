package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.FailOnce;
import io.github.flinkkinesis.kinesis.testutil.KinesisTestEnvironment;
import io.github.flinkkinesis.kinesis.testutil.TestStreams;
import io.github.flinkkinesis.kinesis.testutil.TestTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job that fails once mid-stream restarts from its last checkpoint, and every record of the
 * stream reaches the (exactly-once, checkpoint-aware) collect sink exactly once. The failure only
 * happens after a checkpoint that covered records completed, and the test checks that the restart
 * re-read less than it had read before the failure, i.e. it resumed from the checkpointed shard
 * positions rather than from the start.
 */
class KinesisSourceFailoverITCase {

    private static final int RECORDS = 2000;

    /** The completed checkpoint before the failure covered at least this many records. */
    private static final int MIN_RECORDS_IN_CHECKPOINT = 20;

    /** The failure happens this many records after that checkpoint (they must not duplicate). */
    private static final int RECORDS_AFTER_CHECKPOINT = 10;

    @RegisterExtension
    static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();

    @Test
    void restoresEachShardExactlyAfterItsLastCheckpointedRecord() throws Exception {
        String stream = ENV.newStream(2);
        List<String> keys = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            keys.add("key-" + i);
            payloads.add("{\"id\":" + i + "}");
        }
        ENV.streams().put(stream, keys, TestStreams.utf8(payloads));

        StreamExecutionEnvironment env = FailOnce.restartingFromCheckpoints(ENV.streamEnv(2));
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        Map<String, String> options = TestTables.boundedRead(stream, "json");
        options.put("source.shard.get-records.max-record-count", "50");
        tableEnv.executeSql(ENV.ddl("numbers (id INT)", options));
        // The thresholds are small against the ~1000 records each subtask reads (at 50 records per
        // 200 ms, at least 4 s): any checkpoint completing in that window triggers the failure,
        // even on a loaded machine where checkpoints are slow.
        FailOnce<Row> failure =
                FailOnce.<Row>afterACheckpoint()
                        .coveringAtLeast(MIN_RECORDS_IN_CHECKPOINT)
                        .thenAfter(RECORDS_AFTER_CHECKPOINT);
        DataStream<Integer> ids =
                tableEnv.toDataStream(tableEnv.sqlQuery("SELECT id FROM numbers"))
                        .filter(failure)
                        .map(row -> (Integer) row.getField(0))
                        .returns(Types.INT);

        List<Integer> received = new ArrayList<>();
        try (CloseableIterator<Integer> it = ids.executeAndCollect()) {
            it.forEachRemaining(received::add);
        }

        assertThat(failure.failed()).as("the job failed once mid-stream").isTrue();
        assertThat(received.stream().sorted().collect(Collectors.toList()))
                .as("every record exactly once")
                .isEqualTo(IntStream.range(0, RECORDS).boxed().collect(Collectors.toList()));
        int replayed = failure.records() - RECORDS;
        assertThat(replayed)
                .as("records read again after the restore")
                .isLessThan(failure.recordsAtFailure());
    }
}
