package io.github.flinkkinesis.kinesis.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.TestSources;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.source.split.StopCondition;
import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.SdkErrors;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** Pace, iterator expiry, throttling backoff and split ends of the polling reader. */
class PollingSplitReaderTest {

    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private FakeStreamProxy proxy;
    private long now;
    private final List<Long> sleeps = new ArrayList<>();
    private final Sleeper fakeSleeper =
            new Sleeper() {
                @Override
                public void sleep(long millis) {
                    sleeps.add(millis);
                    now += millis;
                }

                @Override
                public void wakeUp() {}
            };

    @BeforeEach
    void setUp() {
        proxy = new FakeStreamProxy().addShard(S0).addShard(S1);
        now = T0.toEpochMilli() + 60_000;
    }

    private PollingSplitReader reader(int maxRecords) {
        KinesisSourceConfig config =
                TestSources.builder(proxy)
                        .getRecordsMaxCount(maxRecords)
                        .emptyFetchInterval(Duration.ofMillis(250))
                        .nonEmptyFetchInterval(Duration.ofMillis(200))
                        .build()
                        .config();
        return new PollingSplitReader(
                proxy,
                config,
                PollingMetrics.registeredOn(new UnregisteredMetricsGroup(), false),
                () -> now,
                fakeSleeper);
    }

    private static KinesisShardSplit split(
            String shardId, StartingPosition from, StopCondition stop) {
        return new KinesisShardSplit(TestSplits.STREAM, shardId, from, stop, List.of());
    }

    private static void add(PollingSplitReader reader, KinesisShardSplit... splits) {
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(splits)));
    }

    /** The data of every record in one fetch result, and the finished splits, by shard id. */
    private static Fetched drain(RecordsWithSplitIds<Record> result) {
        Fetched fetched = new Fetched();
        String split;
        while ((split = result.nextSplit()) != null) {
            Record r;
            while ((r = result.nextRecordFromSplit()) != null) {
                fetched.data.add(
                        KinesisShardSplit.shardIdOf(split) + ":" + r.data().asUtf8String());
            }
        }
        for (String finished : result.finishedSplits()) {
            fetched.finished.add(KinesisShardSplit.shardIdOf(finished));
        }
        return fetched;
    }

    private static final class Fetched {
        final List<String> data = new ArrayList<>();
        final Set<String> finished = new HashSet<>();
    }

    @Test
    void aRemovedShardIsNoLongerPolled() throws IOException {
        proxy.addRecord(S0, "a0", T0);
        proxy.addRecord(S1, "b0", T0);
        PollingSplitReader reader = reader(10);
        KinesisShardSplit s0 = split(S0, StartingPosition.trimHorizon(), StopCondition.none());
        add(reader, s0, split(S1, StartingPosition.trimHorizon(), StopCondition.none()));

        reader.handleSplitsChanges(new SplitsRemoval<>(List.of(s0)));

        assertThat(reader.activeShards()).isEqualTo(1);
        assertThat(drain(reader.fetch()).data).containsExactly(S1 + ":b0");
    }

    @Test
    void pollsShardsRoundRobinAndWaitsBetweenCallsOnOneShard() throws IOException {
        for (int i = 0; i < 3; i++) {
            proxy.addRecord(S0, "a" + i, T0);
            proxy.addRecord(S1, "b" + i, T0);
        }
        PollingSplitReader reader = reader(2);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        add(reader, split(S1, StartingPosition.trimHorizon(), StopCondition.none()));

        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":a0", S0 + ":a1");
        assertThat(drain(reader.fetch()).data).containsExactly(S1 + ":b0", S1 + ":b1");
        // both shards were just polled: the next fetch waits for the non-empty interval
        assertThat(drain(reader.fetch()).data).isEmpty();
        assertThat(sleeps).containsExactly(200L);
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":a2");
        assertThat(drain(reader.fetch()).data).containsExactly(S1 + ":b2");
        // empty answers push the next call out by the (longer) empty interval
        long before = now;
        drain(reader.fetch()); // wait
        drain(reader.fetch()); // S0 empty
        assertThat(reader.nextCallAt(TestSplits.id(S0))).isEqualTo(now + 250);
        assertThat(now - before).isEqualTo(200);
    }

    @Test
    void atMostFiveCallsPerSecondOnAShard() throws IOException {
        for (int i = 0; i < 100; i++) {
            proxy.addRecord(S0, "r" + i, T0);
        }
        PollingSplitReader reader = reader(1);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        long start = now;
        int calls = 0;
        while (now - start < 1000) {
            if (!drain(reader.fetch()).data.isEmpty()) {
                calls++;
            }
        }
        assertThat(calls).isLessThanOrEqualTo(5);
        assertThat(proxy.calls().stream().filter(c -> c.startsWith("getRecords")).count())
                .isEqualTo(calls);
    }

    @Test
    void expiredIteratorIsReplacedAfterTheLastFetchedRecord() throws IOException {
        proxy.addRecord(S0, "r0", T0);
        proxy.addRecord(S0, "r1", T0);
        proxy.addRecord(S0, "r2", T0);
        PollingSplitReader reader = reader(2);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r0", S0 + ":r1");

        now += 1000;
        proxy.failNextGetRecords(ExpiredIteratorException.builder().message("expired").build());
        assertThat(drain(reader.fetch()).data).isEmpty();
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r2");
        assertThat(proxy.calls())
                .contains("getShardIterator " + S0 + " AFTER_SEQUENCE_NUMBER(00001)");
    }

    @Test
    void aSplitResumingInsideAnAggregateStartsAtThatRecordAlsoAfterAnExpiredIterator()
            throws IOException {
        proxy.addRecord(S0, "r0", T0);
        proxy.addRecord(S0, "aggregate", T0);
        proxy.addRecord(S0, "r2", T0);
        proxy.addRecord(S0, "r3", T0);
        PollingSplitReader reader = reader(2);
        add(
                reader,
                split(S0, StartingPosition.afterSequenceNumber("00001", 0), StopCondition.none()));

        proxy.failNextGetRecords(ExpiredIteratorException.builder().message("expired").build());
        assertThat(drain(reader.fetch()).data).isEmpty();
        // the aggregate is fetched whole again: the emitter skips its user records up to 0
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":aggregate", S0 + ":r2");

        now += 1000;
        proxy.failNextGetRecords(ExpiredIteratorException.builder().message("expired").build());
        assertThat(drain(reader.fetch()).data).isEmpty();
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r3");
        assertThat(proxy.calls().stream().filter(c -> c.startsWith("getShardIterator")))
                .containsExactly(
                        "getShardIterator " + S0 + " AFTER_SEQUENCE_NUMBER(00001/0)",
                        "getShardIterator " + S0 + " AFTER_SEQUENCE_NUMBER(00001/0)",
                        "getShardIterator " + S0 + " AFTER_SEQUENCE_NUMBER(00002)");
    }

    @Test
    void expiredIteratorBeforeAnyRecordRestartsAtTheSplitPosition() throws IOException {
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        proxy.failNextGetRecords(ExpiredIteratorException.builder().message("expired").build());
        drain(reader.fetch());
        proxy.addRecord(S0, "r0", T0);
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r0");
        assertThat(proxy.calls().stream().filter(c -> c.startsWith("getShardIterator")))
                .containsExactly(
                        "getShardIterator " + S0 + " TRIM_HORIZON",
                        "getShardIterator " + S0 + " TRIM_HORIZON");
    }

    @Test
    void throttlingBacksOffExponentiallyAndResetsAfterASuccess() throws IOException {
        proxy.addRecord(S0, "r0", T0);
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        proxy.failNextGetRecords(
                ProvisionedThroughputExceededException.builder().message("slow down").build());
        proxy.failNextGetRecords(LimitExceededException.builder().message("slow down").build());
        proxy.failNextGetRecords(
                ProvisionedThroughputExceededException.builder().message("slow down").build());

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long at = now;
            drain(reader.fetch());
            delays.add(reader.nextCallAt(TestSplits.id(S0)) - at);
            now = reader.nextCallAt(TestSplits.id(S0));
        }
        assertThat(delays.get(0)).isBetween(100L, 120L);
        assertThat(delays.get(1)).isBetween(200L, 240L);
        assertThat(delays.get(2)).isBetween(400L, 480L);

        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r0");
        assertThat(reader.nextCallAt(TestSplits.id(S0)) - now).isEqualTo(200L);
        assertThat(ThrottlingBackoff.delayMillis(30)).isBetween(10_000L, 12_000L);
    }

    @Test
    void everyThrottledCallIsCountedOnceOnTheReadersGroup() throws IOException {
        Map<String, Counter> counters = new HashMap<>();
        PollingMetrics metrics = PollingMetrics.registeredOn(counterCapturing(counters), false);
        KinesisSourceConfig config = TestSources.builder(proxy).build().config();
        // two fetcher threads of one reader share its metrics, as KinesisSource wires them
        PollingSplitReader first =
                new PollingSplitReader(proxy, config, metrics, () -> now, fakeSleeper);
        PollingSplitReader second =
                new PollingSplitReader(proxy, config, metrics, () -> now, fakeSleeper);
        proxy.addRecord(S0, "a0", T0);
        proxy.addRecord(S1, "b0", T0);
        add(first, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        add(second, split(S1, StartingPosition.trimHorizon(), StopCondition.none()));
        proxy.failNextGetShardIterator(
                LimitExceededException.builder().message("GetShardIterator rate").build());
        proxy.failNextGetRecords(
                ProvisionedThroughputExceededException.builder().message("read rate").build());
        proxy.failNextGetRecords(LimitExceededException.builder().message("calls").build());

        Counter throttled = counters.get(PollingMetrics.CALLS_THROTTLED);
        assertThat(throttled.getCount()).isZero();
        drain(first.fetch()); // GetShardIterator throttled
        assertThat(throttled.getCount()).isEqualTo(1);
        drain(second.fetch()); // GetRecords throttled (ProvisionedThroughputExceeded)
        assertThat(throttled.getCount()).isEqualTo(2);
        now = Math.max(first.nextCallAt(TestSplits.id(S0)), second.nextCallAt(TestSplits.id(S1)));
        drain(first.fetch()); // GetRecords throttled (LimitExceeded)
        assertThat(throttled.getCount()).isEqualTo(3);

        now = Math.max(first.nextCallAt(TestSplits.id(S0)), second.nextCallAt(TestSplits.id(S1)));
        assertThat(drain(first.fetch()).data).containsExactly(S0 + ":a0");
        assertThat(drain(second.fetch()).data).containsExactly(S1 + ":b0");
        // answered calls are not throttles; the shard-not-found counter is a separate one
        assertThat(throttled.getCount()).isEqualTo(3);
        assertThat(counters.get(PollingSplitReader.SHARDS_NOT_FOUND_METRIC).getCount()).isZero();
        assertThat(counters)
                .containsOnlyKeys(
                        PollingMetrics.CALLS_THROTTLED, PollingSplitReader.SHARDS_NOT_FOUND_METRIC);
    }

    @Test
    void transientFailuresArePacedByTheBackoffAndRetried() throws IOException {
        proxy.addRecord(S0, "r0", T0);
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        proxy.failNextGetRecords(SdkErrors.service("InternalFailure", 500));
        proxy.failNextGetRecords(SdkClientException.create("Connection reset"));

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long at = now;
            assertThat(drain(reader.fetch()).data).isEmpty();
            delays.add(reader.nextCallAt(TestSplits.id(S0)) - at);
            now = reader.nextCallAt(TestSplits.id(S0));
        }
        // the SDK does not retry GetRecords: the reader waits as after throttling, never at once
        assertThat(delays.get(0)).isBetween(100L, 120L);
        assertThat(delays.get(1)).isBetween(200L, 240L);
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r0");
    }

    @Test
    void aShardFailingTransientlyTooOftenInARowFailsTheFetcher() throws IOException {
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        for (int i = 0; i < PollingSplitReader.MAX_TRANSIENT_FAILURES_IN_A_ROW; i++) {
            proxy.failNextGetRecords(SdkErrors.service("ServiceUnavailable", 503));
        }
        for (int i = 1; i < PollingSplitReader.MAX_TRANSIENT_FAILURES_IN_A_ROW; i++) {
            drain(reader.fetch());
            now = reader.nextCallAt(TestSplits.id(S0));
        }
        assertThatThrownBy(reader::fetch)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shard '" + S0 + "'")
                .hasMessageContaining("ServiceUnavailable");
    }

    @Test
    void otherErrorsFailWithStreamAndShard() {
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        proxy.failNextGetRecords(ResourceNotFoundException.builder().message("gone").build());
        assertThatThrownBy(reader::fetch)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shard '" + S0 + "'")
                .hasMessageContaining("stream 'test'")
                .hasMessageContaining("gone");
    }

    @Test
    void aShardPastRetentionFinishesItsSplitAndIsCounted() throws IOException {
        Map<String, Counter> counters = new HashMap<>();
        UnregisteredMetricsGroup group = counterCapturing(counters);
        proxy.addRecord(S1, "b0", T0);
        KinesisSourceConfig config = TestSources.builder(proxy).build().config();
        PollingSplitReader reader =
                new PollingSplitReader(
                        proxy,
                        config,
                        PollingMetrics.registeredOn(group, false),
                        () -> now,
                        fakeSleeper);
        add(reader, split(S0, StartingPosition.afterSequenceNumber("00007"), StopCondition.none()));
        add(reader, split(S1, StartingPosition.trimHorizon(), StopCondition.none()));
        proxy.failNextGetShardIterator(
                ResourceNotFoundException.builder()
                        .message("Shard " + S0 + " in stream test under account 123 does not exist")
                        .build());

        Fetched first = drain(reader.fetch());
        assertThat(first.finished).containsExactly(S0);
        assertThat(first.data).isEmpty();
        assertThat(counters.get(PollingSplitReader.SHARDS_NOT_FOUND_METRIC).getCount())
                .isEqualTo(1);
        assertThat(reader.activeShards()).isEqualTo(1);
        // the other shard keeps being read
        assertThat(drain(reader.fetch()).data).containsExactly(S1 + ":b0");
    }

    @Test
    void aMissingStreamStillFailsWithTheResumePosition() {
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.afterSequenceNumber("00007"), StopCondition.none()));
        proxy.failNextGetShardIterator(
                ResourceNotFoundException.builder()
                        .message("Stream test under account 123 not found.")
                        .build());
        assertThatThrownBy(reader::fetch)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shard '" + S0 + "'")
                .hasMessageContaining("00007")
                .hasMessageContaining("not found");
    }

    @Test
    void aStreamThePatternFoundThatIsDeletedEndsItsShardsWhileOthersGoOn() throws IOException {
        Map<String, Counter> counters = new HashMap<>();
        proxy.stream("orders-eu").addShard(S0).addRecord(S0, "eu0", T0);
        proxy.stream("orders-us").addShard(S0).addRecord(S0, "us0", T0);
        KinesisSourceConfig config =
                TestSources.builder(proxy).streamPattern("orders-.*").build().config();
        PollingSplitReader reader =
                new PollingSplitReader(
                        proxy,
                        config,
                        PollingMetrics.registeredOn(counterCapturing(counters), true),
                        () -> now,
                        fakeSleeper);
        StreamId eu = StreamId.parse("orders-eu");
        StreamId us = StreamId.parse("orders-us");
        add(
                reader,
                new KinesisShardSplit(
                        eu, S0, StartingPosition.trimHorizon(), StopCondition.none(), List.of()),
                new KinesisShardSplit(
                        us, S0, StartingPosition.trimHorizon(), StopCondition.none(), List.of()));
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":eu0");
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":us0");

        proxy.deleteStream("orders-eu");
        now += 1_000;
        RecordsWithSplitIds<Record> afterDelete = reader.fetch();
        assertThat(afterDelete.finishedSplits()).containsExactly("orders-eu/" + S0);
        assertThat(counters.get(PollingSplitReader.SHARDS_NOT_FOUND_METRIC).getCount())
                .isEqualTo(1);
        proxy.stream("orders-us").addRecord(S0, "us1", T0);
        now += 1_000;
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":us1");
    }

    @Test
    void aDeletedStreamTheTableListsFailsTheJob() {
        proxy.stream("orders").addShard(S0).addRecord(S0, "r0", T0);
        KinesisSourceConfig config =
                TestSources.builder(proxy).stream(StreamId.parse("orders")).build().config();
        PollingSplitReader reader =
                new PollingSplitReader(
                        proxy,
                        config,
                        PollingMetrics.registeredOn(new UnregisteredMetricsGroup(), false),
                        () -> now,
                        fakeSleeper);
        add(
                reader,
                new KinesisShardSplit(
                        StreamId.parse("orders"),
                        S0,
                        StartingPosition.trimHorizon(),
                        StopCondition.none(),
                        List.of()));
        proxy.deleteStream("orders");
        assertThatThrownBy(reader::fetch)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("stream 'orders'")
                .hasMessageContaining("not found");
    }

    @Test
    void aRestoredShardOfAStreamTheTableNoLongerReadsFinishesWithoutACall() throws IOException {
        PollingSplitReader reader = reader(10);
        add(
                reader,
                new KinesisShardSplit(
                        StreamId.parse("removed-from-the-list"),
                        S0,
                        StartingPosition.afterSequenceNumber("00003"),
                        StopCondition.none(),
                        List.of()));
        RecordsWithSplitIds<Record> result = reader.fetch();
        assertThat(result.finishedSplits()).containsExactly("removed-from-the-list/" + S0);
        assertThat(proxy.calls()).isEmpty();
        assertThat(reader.activeShards()).isZero();
    }

    @Test
    void afterALargeAnswerTheNextCallWaitsUntilTheShardServedItsBytesAtTwoMibPerSecond()
            throws IOException {
        byte[] halfMib = new byte[512 * 1024];
        for (int i = 0; i < 8; i++) {
            proxy.addRecord(S0, halfMib, T0); // 4 MiB
        }
        proxy.addRecord(S1, "small", T0);
        PollingSplitReader reader = reader(10_000);
        add(
                reader,
                split(S0, StartingPosition.trimHorizon(), StopCondition.none()),
                split(S1, StartingPosition.trimHorizon(), StopCondition.none()));
        long at = now;
        assertThat(drain(reader.fetch()).data).hasSize(8);
        // 4 MiB at 2 MiB/s: 2 s, not the 200 ms non-empty interval (Kinesis would throttle sooner)
        assertThat(reader.nextCallAt(TestSplits.id(S0)) - at).isEqualTo(2000L);
        assertThat(drain(reader.fetch()).data).containsExactly(S1 + ":small");
        assertThat(reader.nextCallAt(TestSplits.id(S1)) - at).isEqualTo(200L);
    }

    @Test
    void aClosedShardFinishesItsSplitAfterItsLastRecord() throws IOException {
        proxy.addRecord(S0, "r0", T0);
        proxy.closeShard(S0);
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        Fetched fetched = drain(reader.fetch());
        assertThat(fetched.data).containsExactly(S0 + ":r0");
        assertThat(fetched.finished).containsExactly(S0);
        assertThat(reader.activeShards()).isZero();
    }

    @Test
    void stopAtLatestEndsAtTheFirstRecordAfterJobStartOrWhenCaughtUp() throws IOException {
        proxy.addRecord(S0, "before", T0);
        proxy.addRecord(S0, "after", T0.plusSeconds(10));
        proxy.addRecord(S1, "only", T0);
        PollingSplitReader reader = reader(10);
        StopCondition stop = StopCondition.latestAt(T0.plusSeconds(5).toEpochMilli());
        add(reader, split(S0, StartingPosition.trimHorizon(), stop));
        add(reader, split(S1, StartingPosition.trimHorizon(), stop));

        Fetched first = drain(reader.fetch());
        assertThat(first.data).containsExactly(S0 + ":before");
        assertThat(first.finished).containsExactly(S0);

        Fetched second = drain(reader.fetch());
        assertThat(second.data).containsExactly(S1 + ":only");
        assertThat(second.finished).isEmpty();
        now += 1000;
        Fetched third = drain(reader.fetch());
        assertThat(third.data).isEmpty();
        assertThat(third.finished).as("caught up with the tip").containsExactly(S1);
    }

    @Test
    void stopAtTimestampDoesNotEndWhileTheStopTimeIsInTheFuture() throws IOException {
        proxy.addRecord(S0, "r0", T0);
        PollingSplitReader reader = reader(10);
        add(
                reader,
                split(S0, StartingPosition.trimHorizon(), StopCondition.atTimestamp(now + 2_000)));
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r0");
        now += 500;
        assertThat(drain(reader.fetch()).finished).isEmpty();
        now += 2_000;
        assertThat(drain(reader.fetch()).finished).containsExactly(S0);
    }

    @Test
    void notCaughtUpWhileBehindLatest() throws IOException {
        proxy.setMillisBehindLatest(5_000);
        proxy.addRecord(S0, "r0", T0);
        proxy.addRecord(S0, "r1", T0);
        PollingSplitReader reader = reader(1);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.latestAt(now)));
        assertThat(drain(reader.fetch()).finished).isEmpty();
        now += 1000;
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r1");
    }

    @Test
    void aShardEndSplitIsReportedFinishedWithoutReading() throws IOException {
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.shardEnd(), StopCondition.none()));
        assertThat(drain(reader.fetch()).finished).containsExactly(S0);
        assertThat(proxy.calls()).isEmpty();
        assertThat(reader.activeShards()).isZero();
    }

    @Test
    void resumesAfterTheCheckpointedSequenceNumber() throws IOException {
        proxy.addRecord(S0, "r0", T0);
        proxy.addRecord(S0, "r1", T0);
        PollingSplitReader reader = reader(10);
        add(reader, split(S0, StartingPosition.afterSequenceNumber("00000"), StopCondition.none()));
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r1");
    }

    /** A group that keeps every counter registered on it under its name. */
    private static UnregisteredMetricsGroup counterCapturing(Map<String, Counter> counters) {
        return new UnregisteredMetricsGroup() {
            @Override
            public <C extends Counter> C counter(String name, C counter) {
                assertThat(counters).doesNotContainKey(name);
                counters.put(name, counter);
                return counter;
            }
        };
    }

    /** A group that keeps every gauge registered on it under "shardId.name". */
    private static UnregisteredMetricsGroup gaugeCapturing(
            java.util.Map<String, org.apache.flink.metrics.Gauge<?>> gauges) {
        return new UnregisteredMetricsGroup() {
            private String shard;

            @Override
            public org.apache.flink.metrics.MetricGroup addGroup(String key, String value) {
                shard = value;
                return this;
            }

            @Override
            public <T, G extends org.apache.flink.metrics.Gauge<T>> G gauge(String name, G gauge) {
                gauges.put(shard + "." + name, gauge);
                return gauge;
            }
        };
    }

    @Test
    void millisBehindLatestIsAGaugePerShard() throws IOException {
        java.util.Map<String, org.apache.flink.metrics.Gauge<?>> gauges = new java.util.HashMap<>();
        UnregisteredMetricsGroup group = gaugeCapturing(gauges);
        KinesisSourceConfig config =
                TestSources.builder(proxy).getRecordsMaxCount(1).build().config();
        PollingSplitReader reader =
                new PollingSplitReader(
                        proxy,
                        config,
                        PollingMetrics.registeredOn(group, false),
                        () -> now,
                        fakeSleeper);
        add(reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        org.apache.flink.metrics.Gauge<?> behind = gauges.get(S0 + ".millisBehindLatest");
        assertThat(behind.getValue()).isEqualTo(-1L);

        proxy.setMillisBehindLatest(1234);
        proxy.addRecord(S0, "r0", T0);
        proxy.addRecord(S0, "r1", T0);
        drain(reader.fetch());
        assertThat(behind.getValue()).isEqualTo(1234L);
    }

    @Test
    void aFinishedShardsGaugeKeepsItsLastValueAndNoLongerHoldsTheShard() throws Exception {
        java.util.Map<String, org.apache.flink.metrics.Gauge<?>> gauges = new java.util.HashMap<>();
        KinesisSourceConfig config =
                TestSources.builder(proxy).getRecordsMaxCount(1).build().config();
        PollingSplitReader reader =
                new PollingSplitReader(
                        proxy,
                        config,
                        PollingMetrics.registeredOn(gaugeCapturing(gauges), false),
                        () -> now,
                        fakeSleeper);
        proxy.setMillisBehindLatest(1234);
        proxy.addRecord(S0, "a0", T0);
        proxy.addRecord(S0, "a1", T0);
        proxy.closeShard(S0);
        for (int i = 0; i < 5; i++) {
            proxy.addRecord(S1, "b" + i, T0);
        }
        WeakReference<KinesisShardSplit> s0 =
                addAndTrack(
                        reader, split(S0, StartingPosition.trimHorizon(), StopCondition.none()));
        add(reader, split(S1, StartingPosition.trimHorizon(), StopCondition.none()));
        org.apache.flink.metrics.Gauge<?> s0Behind = gauges.get(S0 + ".millisBehindLatest");
        org.apache.flink.metrics.Gauge<?> s1Behind = gauges.get(S1 + ".millisBehindLatest");

        Set<String> finished = new HashSet<>();
        for (int i = 0; i < 10 && !finished.contains(S0); i++) {
            finished.addAll(drain(reader.fetch()).finished);
        }
        assertThat(finished).containsExactly(S0);
        // the fake reports 0 with the shard's last record
        assertThat(s0Behind.getValue()).isEqualTo(0L);

        proxy.setMillisBehindLatest(99);
        for (int i = 0; i < 10 && !s1Behind.getValue().equals(99L); i++) {
            drain(reader.fetch());
        }
        assertThat(s1Behind.getValue()).isEqualTo(99L);
        assertThat(s0Behind.getValue()).as("no longer updated").isEqualTo(0L);

        // Flink keeps the registered gauge; it must not keep the finished shard's split alive
        for (int i = 0; i < 50 && s0.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(s0.get()).as("the finished shard's split, held by the gauge").isNull();
        assertThat(s0Behind.getValue()).isEqualTo(0L);
    }

    /** Adds {@code split} and lets the caller see whether it is still reachable, not keep it. */
    private static WeakReference<KinesisShardSplit> addAndTrack(
            PollingSplitReader reader, KinesisShardSplit split) {
        add(reader, split);
        return new WeakReference<>(split);
    }

    @Test
    void closeClosesTheProxy() throws Exception {
        reader(10).close();
        assertThat(proxy.isClosed()).isTrue();
    }

    @Test
    void aPausedShardIsNotPolledAndResumesAfterItsLastFetchedRecord() throws IOException {
        for (int i = 0; i < 4; i++) {
            proxy.addRecord(S0, "a" + i, T0);
            proxy.addRecord(S1, "b" + i, T0);
        }
        PollingSplitReader reader = reader(2);
        KinesisShardSplit s0 = split(S0, StartingPosition.trimHorizon(), StopCondition.none());
        add(reader, s0, split(S1, StartingPosition.trimHorizon(), StopCondition.none()));
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":a0", S0 + ":a1");

        reader.pauseOrResumeSplits(List.of(s0), List.of());
        assertThat(reader.isPaused(TestSplits.id(S0))).isTrue();
        List<String> whilePaused = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            whilePaused.addAll(drain(reader.fetch()).data);
        }
        assertThat(whilePaused).containsExactly(S1 + ":b0", S1 + ":b1", S1 + ":b2", S1 + ":b3");
        int s0Calls = callsOn(S0);

        reader.pauseOrResumeSplits(List.of(), List.of(s0));
        assertThat(reader.isPaused(TestSplits.id(S0))).isFalse();
        List<String> afterResume = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            afterResume.addAll(drain(reader.fetch()).data);
        }
        // the same iterator goes on: nothing skipped, nothing read twice, no new iterator
        assertThat(afterResume).containsExactly(S0 + ":a2", S0 + ":a3");
        assertThat(callsOn(S0)).isGreaterThan(s0Calls);
        assertThat(
                        proxy.calls().stream()
                                .filter(c -> c.startsWith("getShardIterator " + S0))
                                .count())
                .isEqualTo(1);
    }

    @Test
    void aReaderWhoseShardsAreAllPausedWaitsWithoutCalls() throws IOException {
        proxy.addRecord(S0, "a0", T0);
        PollingSplitReader reader = reader(10);
        KinesisShardSplit s0 = split(S0, StartingPosition.trimHorizon(), StopCondition.none());
        add(reader, s0);
        reader.pauseOrResumeSplits(List.of(s0), List.of());
        int callsBefore = proxy.calls().size();

        assertThat(drain(reader.fetch()).data).isEmpty();

        assertThat(proxy.calls()).hasSize(callsBefore);
        // it waits at most the longest wait, then looks again (a resume also wakes it up)
        assertThat(sleeps).containsExactly(PollingSplitReader.MAX_WAIT_MILLIS);
    }

    @Test
    void aPausedShardKeepsItsPositionAcrossAnIteratorThatExpiredDuringThePause()
            throws IOException {
        proxy.addRecord(S0, "r0", T0);
        proxy.addRecord(S0, "r1", T0);
        PollingSplitReader reader = reader(1);
        KinesisShardSplit s0 = split(S0, StartingPosition.trimHorizon(), StopCondition.none());
        add(reader, s0);
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r0");
        reader.pauseOrResumeSplits(List.of(s0), List.of());
        now += Duration.ofMinutes(6).toMillis(); // longer than a shard iterator lives

        reader.pauseOrResumeSplits(List.of(), List.of(s0));
        proxy.failNextGetRecords(ExpiredIteratorException.builder().message("expired").build());
        assertThat(drain(reader.fetch()).data).isEmpty();
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":r1");
        assertThat(proxy.calls())
                .contains("getShardIterator " + S0 + " AFTER_SEQUENCE_NUMBER(00000)");
    }

    @Test
    void pausingAFinishedOrUnknownShardDoesNothingAndRemovalForgetsThePause() throws IOException {
        proxy.addRecord(S0, "a0", T0);
        proxy.addRecord(S1, "b0", T0);
        proxy.closeShard(S1);
        PollingSplitReader reader = reader(10);
        KinesisShardSplit s0 = split(S0, StartingPosition.trimHorizon(), StopCondition.none());
        KinesisShardSplit s1 = split(S1, StartingPosition.trimHorizon(), StopCondition.none());
        add(reader, s1);
        Fetched closed = drain(reader.fetch());
        assertThat(closed.data).containsExactly(S1 + ":b0");
        assertThat(closed.finished).containsExactly(S1);

        reader.pauseOrResumeSplits(List.of(s0, s1), List.of());
        assertThat(reader.isPaused(TestSplits.id(S0))).isFalse();
        assertThat(reader.isPaused(TestSplits.id(S1))).isFalse();

        add(reader, s0);
        reader.pauseOrResumeSplits(List.of(s0), List.of());
        reader.handleSplitsChanges(new SplitsRemoval<>(List.of(s0)));
        add(reader, s0);
        assertThat(reader.isPaused(TestSplits.id(S0))).isFalse();
        assertThat(drain(reader.fetch()).data).containsExactly(S0 + ":a0");
    }

    private int callsOn(String shardId) {
        return (int)
                proxy.calls().stream()
                        .filter(c -> c.startsWith("getRecords") && c.contains(shardId))
                        .count();
    }
}
