package io.github.flinkkinesis.benchmarks.job;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * A SQL function ({@code WHERE bench_tap(id)}, always true) that watches rows pass inside a running
 * job: it timestamps the row at {@link #STEADY_FROM_FRACTION} of N and the N-th row with this JVM's
 * (per thread) and the server's CPU time, so that steady-state figures exclude job start-up and JIT
 * warm-up, and it records which ids were seen so the harness can check that no row was lost or
 * duplicated.
 *
 * <p>Its state is static: a local (MiniCluster) job runs in the JVM that submitted it and loads
 * user classes from the application class path, so the job's function instances and the runner's
 * main thread share it. {@link #configure} must be called before the job starts.
 *
 * <p>Ids {@code >= 1} are the measured rows; smaller ids (latency warm-up) only signal that rows
 * flow.
 */
public class RowTap extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    /**
     * The steady-state window starts after this share of the rows: the first rows of a fresh JVM
     * run interpreted code while the JIT compiles, which is start-up too (on 2 cores the compiler
     * threads otherwise take half of a 100,000-row window).
     */
    public static final double STEADY_FROM_FRACTION = 0.2;

    private static volatile long expected;
    private static volatile long steadyFrom;
    private static volatile long serverPid;
    private static volatile long[] arrivalNanos;
    private static final AtomicLong COUNT = new AtomicLong();
    private static final AtomicLong ANY_ROW = new AtomicLong();
    private static final BitSet SEEN = new BitSet();
    private static volatile CountDownLatch done = new CountDownLatch(1);
    private static volatile CountDownLatch flowing = new CountDownLatch(1);

    static volatile Map<String, Long> threadsFirst = Map.of();
    static volatile Map<String, Long> threadsLast = Map.of();
    static volatile long firstMillis;
    static volatile long lastMillis;
    static volatile long firstNanos;
    static volatile long cpuFirst;
    static volatile long serverCpuFirst;
    static volatile long lastNanos;
    static volatile long cpuLast;
    static volatile long serverCpuLast;

    /**
     * Prepares the tap for a job that should see ids 1..{@code rows}; with {@code recordArrivals}
     * the arrival time of each id is kept (for latency).
     */
    public static void configure(long rows, long serverProcessId, boolean recordArrivals) {
        expected = rows;
        steadyFrom = Math.max(1, (long) (rows * STEADY_FROM_FRACTION));
        serverPid = serverProcessId;
        arrivalNanos = recordArrivals ? new long[(int) rows] : null;
        COUNT.set(0);
        ANY_ROW.set(0);
        synchronized (SEEN) {
            SEEN.clear();
        }
        done = new CountDownLatch(1);
        flowing = new CountDownLatch(1);
    }

    public Boolean eval(Long boxedId) {
        long now = System.nanoTime();
        if (ANY_ROW.getAndIncrement() == 0) {
            flowing.countDown();
            System.out.println("BENCH first-row");
        }
        if (boxedId == null || boxedId < 1) {
            return Boolean.TRUE;
        }
        long id = boxedId;
        long[] arrivals = arrivalNanos;
        if (arrivals != null && id <= arrivals.length && arrivals[(int) (id - 1)] == 0) {
            arrivals[(int) (id - 1)] = now;
        }
        if (id <= Integer.MAX_VALUE) {
            synchronized (SEEN) {
                SEEN.set((int) id);
            }
        }
        long n = COUNT.incrementAndGet();
        if (n == steadyFrom) {
            firstNanos = now;
            firstMillis = System.currentTimeMillis();
            cpuFirst = ProcCpu.self();
            serverCpuFirst = ProcCpu.ofPid(serverPid);
            threadsFirst = ProcCpu.threadsOfSelf();
        }
        if (n == expected) {
            lastNanos = System.nanoTime();
            cpuLast = ProcCpu.self();
            serverCpuLast = ProcCpu.ofPid(serverPid);
            lastMillis = System.currentTimeMillis();
            threadsLast = ProcCpu.threadsOfSelf();
            done.countDown();
        }
        return Boolean.TRUE;
    }

    @Override
    public boolean isDeterministic() {
        return false; // keeps the planner from folding or reordering the call away
    }

    /** Waits until the expected number of measured rows has passed. */
    public static boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /** Waits until any row (warm-up included) has passed. */
    public static boolean awaitFlowing(long timeout, TimeUnit unit) throws InterruptedException {
        return flowing.await(timeout, unit);
    }

    /** The row count at which the steady-state window starts. */
    public static long steadyFrom() {
        return steadyFrom;
    }

    public static long count() {
        return COUNT.get();
    }

    public static long distinctIds() {
        synchronized (SEEN) {
            return SEEN.cardinality();
        }
    }

    /** Arrival times by id - 1 (0 = not seen), or null without recordArrivals. */
    public static long[] arrivals() {
        return arrivalNanos;
    }
}
