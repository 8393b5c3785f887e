package io.github.flinkkinesis.kinesis.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.source.KinesisDeserializationSchema;
import io.github.flinkkinesis.kinesis.source.split.KinesisShardSplit;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestReaders;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import io.github.flinkkinesis.kinesis.testutil.fakes.Utf8Deserializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/** A pushed-down LIMIT: rows are counted as emitted, and reading stops once there are enough. */
class LimitingSplitReaderTest {

    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";

    /** Gives one record of its first split per fetch; finishes a split on request. */
    private static final class OneRecordPerFetch implements SplitReader<Record, KinesisShardSplit> {
        final Set<String> splits = new LinkedHashSet<>();
        final Set<String> finishNext = new LinkedHashSet<>();
        int fetches;

        @Override
        public RecordsWithSplitIds<Record> fetch() {
            fetches++;
            RecordsBySplits.Builder<Record> b = new RecordsBySplits.Builder<>();
            if (!finishNext.isEmpty()) {
                b.addFinishedSplits(finishNext);
                splits.removeAll(finishNext);
                finishNext.clear();
            } else if (!splits.isEmpty()) {
                b.add(splits.iterator().next(), record("r" + fetches));
            }
            return b.build();
        }

        @Override
        public void handleSplitsChanges(SplitsChange<KinesisShardSplit> change) {
            change.splits().forEach(s -> splits.add(s.splitId()));
        }

        @Override
        public void wakeUp() {}

        @Override
        public void close() {}
    }

    private static Record record(String data) {
        return Record.builder()
                .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))
                .sequenceNumber("1")
                .partitionKey("k")
                .build();
    }

    private static SplitsAddition<KinesisShardSplit> add(String... shards) {
        List<KinesisShardSplit> splits = new ArrayList<>();
        for (String shard : shards) {
            splits.add(TestReaders.fromTrimHorizon(shard));
        }
        return new SplitsAddition<>(splits);
    }

    /** Emits every record of a fetch through the counting deserializer, as the emitter would. */
    private static List<String> emit(
            RecordsWithSplitIds<Record> records, RowCountingDeserializer<String> rows)
            throws Exception {
        List<String> out = new ArrayList<>();
        Collector<String> collector =
                new Collector<>() {
                    @Override
                    public void collect(String value) {
                        out.add(value);
                    }

                    @Override
                    public void close() {}
                };
        for (String split = records.nextSplit(); split != null; split = records.nextSplit()) {
            for (Record r = records.nextRecordFromSplit();
                    r != null;
                    r = records.nextRecordFromSplit()) {
                rows.deserialize(r, "test", split, collector);
            }
        }
        return out;
    }

    @Test
    void readsUntilTheLimitThenFinishesEverySplitWithoutFetching() throws Exception {
        OneRecordPerFetch inner = new OneRecordPerFetch();
        RowLimit limit = new RowLimit(2);
        LimitingSplitReader reader = new LimitingSplitReader(inner, limit);
        RowCountingDeserializer<String> rows =
                new RowCountingDeserializer<>(new Utf8Deserializer(), limit);
        reader.handleSplitsChanges(add(S0, S1));

        assertThat(emit(reader.fetch(), rows)).containsExactly("r1");
        assertThat(limit.isReached()).isFalse();
        assertThat(emit(reader.fetch(), rows)).containsExactly("r2");
        assertThat(limit.isReached()).isTrue();

        RecordsWithSplitIds<Record> done = reader.fetch();
        assertThat(done.finishedSplits())
                .containsExactlyInAnyOrder(TestSplits.id(S0), TestSplits.id(S1));
        assertThat(done.nextSplit()).isNull();
        assertThat(inner.fetches).as("no GetRecords once the limit is reached").isEqualTo(2);

        // a child assigned later is finished unread as well
        reader.handleSplitsChanges(add("shardId-000000000002"));
        assertThat(reader.fetch().finishedSplits())
                .containsExactly(TestSplits.id("shardId-000000000002"));
        assertThat(inner.fetches).isEqualTo(2);
    }

    @Test
    void aSplitTheInnerReaderFinishedIsNotReportedAgain() throws Exception {
        OneRecordPerFetch inner = new OneRecordPerFetch();
        RowLimit limit = new RowLimit(1);
        LimitingSplitReader reader = new LimitingSplitReader(inner, limit);
        reader.handleSplitsChanges(add(S0, S1));
        inner.finishNext.add(TestSplits.id(S0));

        assertThat(reader.fetch().finishedSplits()).containsExactly(TestSplits.id(S0));
        limit.rowEmitted();
        assertThat(reader.fetch().finishedSplits()).containsExactly(TestSplits.id(S1));
    }

    @Test
    void aRecordThatGivesNoRowDoesNotCount() throws Exception {
        RowLimit limit = new RowLimit(1);
        RowCountingDeserializer<String> skipping =
                new RowCountingDeserializer<>(
                        new KinesisDeserializationSchema<String>() {
                            @Override
                            public void deserialize(
                                    Record record,
                                    String stream,
                                    String shardId,
                                    Collector<String> out) {
                                // a record the format skips
                            }

                            @Override
                            public TypeInformation<String> getProducedType() {
                                return Types.STRING;
                            }
                        },
                        limit);
        skipping.deserialize(record("x"), "test", S0, null);
        assertThat(limit.emitted()).isZero();
    }
}
