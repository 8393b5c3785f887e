package io.github.flinkkinesis.benchmarks.discovery;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.enumerator.KinesisEnumeratorState;
import io.github.flinkkinesis.kinesis.source.enumerator.KinesisEnumeratorStateSerializer;
import io.github.flinkkinesis.kinesis.source.enumerator.KinesisSourceEnumerator;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;

/**
 * Shard discovery at scale: the source's enumerator on a simulated stream of 10,000 open shards
 * with a reshard history (2,500 shards split twice, the 7,500 closed parents still listed), at
 * parallelism 64, driven through its public interface as Flink drives it. Reports, per discovery
 * round, the ListShards pages (AWS pages 1,000 shards) and the time, for this connector's
 * incremental listing against listing the whole stream (what every round cost before, and what a
 * restored enumerator's first round still does), the cost of the first discovery (which assigns the
 * 10,000 open shards) and the checkpoint size per shard.
 *
 * <p>{@code benchmarks/run.sh --discovery [rounds]}; times are medians of {@code rounds} (default
 * 30) after as many warm-up rounds. Single-threaded, in-memory: no server is involved.
 */
public final class DiscoveryScale {

    static final StreamId STREAM = StreamId.parse("scale");
    private static final int PARALLELISM = 64;

    private DiscoveryScale() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        SimulatedStream stream = new SimulatedStream(2500, 2);
        KinesisSourceConfig config =
                KinesisSourceConfig.builder(STREAM)
                        .initialPosition(StartingPosition.latest())
                        .build();
        int open = stream.openShards().size();
        System.out.printf(
                Locale.ROOT,
                "stream: %,d shards listed (%,d open, %,d closed parents within retention),"
                        + " parallelism %d%n",
                stream.shardCount(),
                open,
                stream.shardCount() - open,
                PARALLELISM);

        // the first discovery: lists everything, assigns every open shard
        Running[] last = new Running[1];
        Measured firstRound =
                measure(
                        rounds,
                        stream,
                        () -> {
                            last[0] = new Running(config, stream, KinesisEnumeratorState.initial());
                            return last[0];
                        });
        Running first = last[0];
        int[] perSubtask = first.openPerSubtask();
        System.out.printf(
                Locale.ROOT,
                "first discovery: %.0f pages, %.1f ms median, %,d shards assigned, %d-%d open"
                        + " shards per subtask%n",
                firstRound.pages,
                firstRound.millis,
                first.assignedSplits(),
                Arrays.stream(perSubtask).min().orElse(0),
                Arrays.stream(perSubtask).max().orElse(0));

        // the checkpoint
        KinesisEnumeratorState state = first.enumerator.snapshotState(1L);
        KinesisEnumeratorStateSerializer serializer = new KinesisEnumeratorStateSerializer(STREAM);
        byte[] bytes = serializer.serialize(state);
        int known = state.assigned().size() + state.finished().size() + state.unassigned().size();
        System.out.printf(
                Locale.ROOT,
                "checkpoint: %,d bytes for %,d shards (%,d assigned, %,d finished, %,d waiting):"
                        + " %.1f bytes per shard%n",
                bytes.length,
                known,
                state.assigned().size(),
                state.finished().size(),
                state.unassigned().size(),
                bytes.length / (double) known);

        // a round that finds nothing new: incremental (this connector) vs whole listing, which a
        // restored enumerator's first round does (and every round did before)
        Measured incremental = measure(rounds, stream, () -> first);
        Measured whole =
                measure(
                        rounds,
                        stream,
                        () ->
                                new Running(
                                        config,
                                        stream,
                                        serializer.deserialize(serializer.getVersion(), bytes)));
        System.out.printf(
                Locale.ROOT,
                "round, nothing new: incremental %.0f page median, %.3f ms median; whole listing"
                        + " %.0f pages, %.3f ms median; incremental/whole: pages %.3f, time %.3f%n",
                incremental.pages,
                incremental.millis,
                whole.pages,
                whole.millis,
                incremental.pages / whole.pages,
                incremental.millis / whole.millis);

        // rounds that each find the two children of one split
        List<String> toSplit = new ArrayList<>();
        stream.openShards().forEach(shard -> toSplit.add(shard.shardId()));
        int[] splits = {0};
        int before = first.knownSplits();
        Measured afterSplit =
                measure(
                        rounds,
                        stream,
                        () -> {
                            stream.split(toSplit.get(splits[0]++));
                            return first;
                        });
        System.out.printf(
                Locale.ROOT,
                "round after one split: %.0f page median (every 30th round lists whole), %.1f new"
                        + " shards found per round, %.3f ms median%n",
                afterSplit.pages,
                (first.knownSplits() - before) / (double) splits[0],
                afterSplit.millis);
    }

    /** Medians of one kind of discovery round. */
    private static final class Measured {
        final double pages;
        final double millis;

        Measured(double pages, double millis) {
            this.pages = pages;
            this.millis = millis;
        }
    }

    /** Something that prepares an enumerator for the next round, outside the measured time. */
    @FunctionalInterface
    private interface Preparation {
        Running prepare() throws Exception;
    }

    /**
     * The median pages and time of {@code rounds} discovery rounds, each on the enumerator {@code
     * before} prepares, after as many unmeasured warm-up rounds.
     */
    private static Measured measure(int rounds, SimulatedStream stream, Preparation before)
            throws Exception {
        double[] millis = new double[rounds];
        double[] pages = new double[rounds];
        for (int i = -rounds; i < rounds; i++) {
            Running running = before.prepare();
            long pagesBefore = stream.pages();
            long t0 = System.nanoTime();
            running.round();
            long t1 = System.nanoTime();
            if (i >= 0) {
                millis[i] = (t1 - t0) / 1e6;
                pages[i] = stream.pages() - pagesBefore;
            }
        }
        return new Measured(median(pages), median(millis));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** An enumerator with its context of {@value #PARALLELISM} registered readers. */
    private static final class Running {
        final TestingSplitEnumeratorContext<KinesisShardSplit> context =
                new TestingSplitEnumeratorContext<>(PARALLELISM);
        final KinesisSourceEnumerator enumerator;

        Running(KinesisSourceConfig config, SimulatedStream stream, KinesisEnumeratorState state) {
            for (int reader = 0; reader < PARALLELISM; reader++) {
                context.registerReader(reader, "localhost");
            }
            enumerator = new KinesisSourceEnumerator(context, config, stream, state);
            enumerator.start();
        }

        /** One discovery round, handled as Flink's coordinator handles it. */
        void round() {
            context.triggerAllActions();
        }

        int assignedSplits() {
            int n = 0;
            for (var assignment : context.getSplitAssignments().values()) {
                n += assignment.getAssignedSplits().size();
            }
            return n;
        }

        int[] openPerSubtask() {
            int[] open = new int[PARALLELISM];
            context.getSplitAssignments()
                    .forEach((reader, a) -> open[reader] = a.getAssignedSplits().size());
            return open;
        }

        int knownSplits() throws IOException {
            KinesisEnumeratorState s = enumerator.snapshotState(0L);
            return s.assigned().size() + s.finished().size() + s.unassigned().size();
        }
    }
}
