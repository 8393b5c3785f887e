package io.github.flinkkinesis.kinesis.testutil;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Fails a job exactly once, and only after a checkpoint completed, so that the restart has a
 * checkpoint to resume from: the failover tests put it into a job as a pass-through step (a filter
 * that keeps every record, so the stream keeps its type).
 *
 * <pre>{@code
 * FailOnce<Row> failure = FailOnce.<Row>afterACheckpoint().coveringAtLeast(20).thenAfter(10);
 * StreamExecutionEnvironment env = FailOnce.restartingFromCheckpoints(ENV.streamEnv(2));
 * ... stream.filter(failure) ...
 * assertThat(failure.failed()).isTrue();
 * }</pre>
 *
 * <p>Each parallel instance counts the records it passed and fails at a record when no instance
 * failed before and
 *
 * <ul>
 *   <li>a checkpoint it took part in completed, covering at least {@link #coveringAtLeast} of its
 *       records (default 0: any checkpoint),
 *   <li>it passed at least {@link #thenAfter} records since that checkpoint (default 0), and
 *   <li>the record matches {@link #onlyAt} (default: every record).
 * </ul>
 *
 * Until the failure, {@link #slowedBy} makes each record take time, so that a checkpoint completes
 * before the input runs out even on a loaded machine; the replay runs at full speed.
 *
 * <p>Flink runs copies of this function that it deserialized; they report to the instance the test
 * created ({@link #failed()}, {@link #records()}, {@link #recordsAtFailure()}) through a static
 * registry, which works because the MiniCluster runs in the test's JVM.
 */
public final class FailOnce<T> extends RichFilterFunction<T>
        implements CheckpointedFunction, CheckpointListener {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Outcome> OUTCOMES = new ConcurrentHashMap<>();

    /** A condition on a record, serializable with the function. */
    @FunctionalInterface
    public interface Condition<T> extends Serializable {
        boolean test(T record);
    }

    private final String id = UUID.randomUUID().toString();
    private int minRecordsInCheckpoint;
    private int recordsAfterCheckpoint;
    private Condition<T> condition = record -> true;
    private long slowdownMillis;

    // this instance's progress; a restarted job starts over with fresh copies
    private final Map<Long, Integer> seenAtSnapshot = new ConcurrentHashMap<>();
    private int seen;
    private int seenAtCompletedCheckpoint = -1;

    private FailOnce() {
        OUTCOMES.put(id, new Outcome());
    }

    /** Fails at the first record after a checkpoint completed (narrow it down with the setters). */
    public static <T> FailOnce<T> afterACheckpoint() {
        return new FailOnce<>();
    }

    /** Only after a checkpoint that covered at least {@code records} of the instance's records. */
    public FailOnce<T> coveringAtLeast(int records) {
        this.minRecordsInCheckpoint = records;
        return this;
    }

    /** Only {@code records} records after that checkpoint, or later. */
    public FailOnce<T> thenAfter(int records) {
        this.recordsAfterCheckpoint = records;
        return this;
    }

    /** Only at a record that matches {@code condition}. */
    public FailOnce<T> onlyAt(Condition<T> condition) {
        this.condition = condition;
        return this;
    }

    /** Each record takes at least {@code perRecord} until the failure happened. */
    public FailOnce<T> slowedBy(Duration perRecord) {
        this.slowdownMillis = perRecord.toMillis();
        return this;
    }

    /**
     * Makes {@code env} checkpoint every 200 ms and restart a failed job up to 3 times, 100 ms
     * apart: what a job that fails once needs to recover.
     */
    public static StreamExecutionEnvironment restartingFromCheckpoints(
            StreamExecutionEnvironment env) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(conf);
        env.enableCheckpointing(200);
        return env;
    }

    /** Whether the planned failure happened. */
    public boolean failed() {
        return outcome().failed.get();
    }

    /** Records passed by all instances, before and after the restart (the failing one included). */
    public int records() {
        return outcome().records.get();
    }

    /** {@link #records()} at the moment of the failure; 0 before it. */
    public int recordsAtFailure() {
        return outcome().recordsAtFailure.get();
    }

    @Override
    public boolean filter(T record) throws Exception {
        Outcome outcome = outcome();
        int total = outcome.records.incrementAndGet();
        seen++;
        if (slowdownMillis > 0 && !outcome.failed.get()) {
            Thread.sleep(slowdownMillis);
        }
        if (seenAtCompletedCheckpoint >= minRecordsInCheckpoint
                && seen >= seenAtCompletedCheckpoint + recordsAfterCheckpoint
                && condition.test(record)
                && outcome.failed.compareAndSet(false, true)) {
            outcome.recordsAtFailure.set(total);
            throw new IllegalStateException(
                    "Planned test failure at record "
                            + record
                            + ", "
                            + (seen - seenAtCompletedCheckpoint)
                            + " records after a completed checkpoint");
        }
        return true;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        seenAtSnapshot.put(context.getCheckpointId(), seen);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Integer atSnapshot = seenAtSnapshot.remove(checkpointId);
        if (atSnapshot != null) {
            seenAtCompletedCheckpoint = atSnapshot;
        }
    }

    private Outcome outcome() {
        Outcome outcome = OUTCOMES.get(id);
        if (outcome == null) {
            throw new IllegalStateException(
                    "FailOnce ran outside the JVM that created it: it reports through a static"
                            + " registry, so it only works on a MiniCluster");
        }
        return outcome;
    }

    /** What all copies of one FailOnce share. */
    private static final class Outcome {
        final AtomicBoolean failed = new AtomicBoolean();
        final AtomicInteger records = new AtomicInteger();
        final AtomicInteger recordsAtFailure = new AtomicInteger();
    }
}
