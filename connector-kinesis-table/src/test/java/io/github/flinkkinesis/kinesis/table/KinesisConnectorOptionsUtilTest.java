package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.sink.KinesisSinkConfig;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * The one options road: defaults come from the ConfigOptions and equal the builders' defaults, and
 * every error names the key as the user wrote it.
 */
class KinesisConnectorOptionsUtilTest {

    private static final Set<ConfigOption<?>> DECLARED = declared();

    private static Set<ConfigOption<?>> declared() {
        KinesisDynamicTableFactory factory = new KinesisDynamicTableFactory();
        Set<ConfigOption<?>> options = new HashSet<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        return options;
    }

    private static Map<String, String> with(String... keyValues) {
        Map<String, String> raw = new HashMap<>();
        raw.put("stream.arn", "orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return raw;
    }

    private static KinesisSourceConfig source(Map<String, String> raw) {
        return KinesisConnectorOptionsUtil.sourceConfig(raw, Configuration.fromMap(raw));
    }

    private static KinesisSinkConfig sink(Map<String, String> raw) {
        return KinesisConnectorOptionsUtil.sinkConfig(raw, Configuration.fromMap(raw));
    }

    @Test
    void sourceBuilderDefaultsEqualTheOptionDefaults() {
        assertThat(source(with()))
                .isEqualTo(KinesisSourceConfig.builder(StreamId.parse("orders")).build());
    }

    @Test
    void sinkBuilderDefaultsEqualTheOptionDefaults() {
        assertThat(sink(with())).isEqualTo(KinesisSinkConfig.builder("orders").build());
    }

    @Test
    void everyOptionReachesTheSourceConfig() {
        KinesisSourceConfig config =
                source(
                        with(
                                "source.shard.get-records.max-record-count", "77",
                                "source.reader.fetcher-threads", "3",
                                "source.reader.empty-records-fetch-interval", "1 s",
                                "source.reader.nonempty-records-fetch-interval", "2 s",
                                "source.shard.discovery.interval", "3 s",
                                "source.stop.position", "LATEST"));
        assertThat(config.getRecordsMaxCount()).isEqualTo(77);
        assertThat(config.fetcherThreads()).isEqualTo(3);
        assertThat(config.emptyFetchInterval()).hasSeconds(1);
        assertThat(config.nonEmptyFetchInterval()).hasSeconds(2);
        assertThat(config.shardDiscoveryInterval()).hasSeconds(3);
        assertThat(config.isBounded()).isTrue();
    }

    @Test
    void aRangeErrorOnALegacyKeyNamesTheKeyWritten() {
        assertThatThrownBy(() -> source(with("scan.shard.getrecords.maxrecordcount", "0")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'0'")
                .hasMessageContaining(
                        "'scan.shard.getrecords.maxrecordcount'"
                                + " (source.shard.get-records.max-record-count)")
                .hasMessageContaining("between 1 and 10000");
        assertThatThrownBy(() -> source(with("scan.shard.discovery.intervalmillis", "0")))
                .hasMessageContaining("'scan.shard.discovery.intervalmillis'")
                .hasMessageContaining("positive duration");
    }

    @Test
    void anEnumErrorOnALegacyKeyNamesTheKeyWrittenAndTheChoices() {
        assertThatThrownBy(
                        () ->
                                KinesisConnectorOptionsUtil.validateRawValues(
                                        with("scan.stream.initpos", "EARLIEST"), DECLARED))
                .hasMessageContaining("'EARLIEST'")
                .hasMessageContaining("'scan.stream.initpos' (source.init.position)")
                .hasMessageContaining("LATEST, TRIM_HORIZON, AT_TIMESTAMP");
    }

    @Test
    void builderAndTableRejectTheSameValueInTheSameWords() {
        String tableMessage = catchMessage(() -> sink(with("sink.batch.max-size", "501")));
        String builderMessage =
                catchMessage(() -> KinesisSinkConfig.builder("orders").maxBatchSize(501).build());
        String rule = KinesisSinkConfig.batchSizeProblem(501);
        assertThat(rule).isNotNull();
        assertThat(tableMessage).contains("'sink.batch.max-size'").contains(rule);
        assertThat(builderMessage).contains("maxBatchSize").contains(rule);
    }

    private static String catchMessage(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void theCurrentAndTheLegacyStreamKeyMustNameOneStream() {
        assertThatThrownBy(
                        () ->
                                source(
                                        with(
                                                "stream.arn",
                                                "arn:aws:kinesis:us-east-1:123456789012:stream/b",
                                                "stream",
                                                "a")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'stream.arn'")
                .hasMessageContaining("'stream' ('a')")
                .hasMessageContaining("different streams");
        // the same stream by ARN and by name, or written twice, stays accepted
        assertThat(
                        source(
                                        with(
                                                "stream.arn",
                                                "arn:aws:kinesis:us-east-1:123456789012:stream/a",
                                                "stream",
                                                "a"))
                                .streams()
                                .get(0)
                                .name())
                .isEqualTo("a");
        assertThat(source(with("stream", "orders")).streams().get(0).name()).isEqualTo("orders");
    }

    @Test
    void blankValuesAreRejectedWhenTheTableIsCreated() {
        for (String key :
                new String[] {
                    "source.init.timestamp.format",
                    "sink.partitioner",
                    "stream.arn",
                    "source.init.timestamp"
                }) {
            assertThatThrownBy(
                            () ->
                                    KinesisConnectorOptionsUtil.validateRawValues(
                                            with(key, " "), DECLARED))
                    .as(key)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("'" + key + "'")
                    .hasMessageContaining("must not be blank");
        }
    }

    @Test
    void aStopTimestampAtOrBeforeTheStartIsAnError() {
        assertThatThrownBy(
                        () ->
                                source(
                                        with(
                                                "source.init.position", "AT_TIMESTAMP",
                                                "source.init.timestamp", "1700000100",
                                                "source.stop.position", "AT_TIMESTAMP",
                                                "source.stop.timestamp", "1700000000")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'source.stop.timestamp'")
                .hasMessageContaining("later than the start timestamp");
        assertThat(
                        source(
                                        with(
                                                "source.init.position", "AT_TIMESTAMP",
                                                "source.init.timestamp", "1700000000",
                                                "source.stop.position", "AT_TIMESTAMP",
                                                "source.stop.timestamp", "1700000100"))
                                .isBounded())
                .isTrue();
    }

    @Test
    void streamArnTakesSeveralStreamsForReadingAndStreamPatternARegularExpression() {
        KinesisSourceConfig listed =
                source(
                        with(
                                "stream.arn",
                                " orders ;arn:aws:kinesis:us-east-1:123456789012:stream/payments",
                                "aws.region",
                                "us-east-1"));
        assertThat(listed.streams())
                .containsExactly(
                        StreamId.parse("orders"),
                        StreamId.parse("arn:aws:kinesis:us-east-1:123456789012:stream/payments"));
        assertThat(listed.streamPattern()).isNull();
        assertThat(listed.readsSeveralStreams()).isTrue();

        Map<String, String> patterned = with("stream-pattern", "orders-[a-z]+");
        patterned.remove("stream.arn");
        KinesisSourceConfig pattern = source(patterned);
        assertThat(pattern.streams()).isEmpty();
        assertThat(pattern.streamPattern()).isEqualTo("orders-[a-z]+");
        assertThat(pattern.readsStream(StreamId.parse("orders-eu"))).isTrue();
        assertThat(pattern.readsStream(StreamId.parse("orders-eu-2"))).isFalse();
        assertThat(pattern.readsStream(StreamId.parse("old-orders-eu"))).isFalse();
        assertThat(pattern.singleStream()).isNull();
    }

    @Test
    void wrongStreamListsAndPatternsNameTheKeyAndSayWhatToDo() {
        assertThatThrownBy(() -> source(with("stream.arn", "a;b;a")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Option 'stream.arn' lists stream 'a' twice: list it once.");
        assertThatThrownBy(() -> source(with("stream.arn", "a;;b")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'stream.arn'")
                .hasMessageContaining("an empty stream between or after ';'");
        assertThatThrownBy(() -> source(with("stream.arn", "a", "stream-pattern", "a.*")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'stream.arn' and 'stream-pattern' are both set: set one");
        Map<String, String> badPattern = with("stream-pattern", "orders-(");
        badPattern.remove("stream.arn");
        assertThatThrownBy(() -> source(badPattern))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'stream-pattern' ('orders-(')")
                .hasMessageContaining("is not a Java regular expression");
        Map<String, String> none = with();
        none.remove("stream.arn");
        assertThatThrownBy(() -> source(none))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Option 'stream.arn' is required")
                .hasMessageContaining("'stream-pattern'");
        assertThatThrownBy(
                        () ->
                                source(
                                        with(
                                                "stream.arn",
                                                "a;arn:aws:kinesis:eu-west-1:123456789012:stream/b",
                                                "aws.region",
                                                "us-east-1")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("in region eu-west-1");
    }

    @Test
    void aTableOfSeveralStreamsOrAPatternCannotBeWrittenButItsSinkOptionsAreChecked() {
        assertThatThrownBy(() -> sink(with("stream.arn", "a;b")))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "Option 'stream.arn' lists 2 streams: such a table can only be read."
                                + " Write to a table whose 'stream.arn' names one stream.");
        Map<String, String> patterned = with("stream-pattern", "a.*");
        patterned.remove("stream.arn");
        assertThatThrownBy(() -> sink(patterned))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(
                        "option 'stream-pattern' matches: such a table can only be read");
        // reading such a table still checks its sink options
        Map<String, String> badSink = with("stream.arn", "a;b", "sink.batch.max-size", "0");
        assertThatThrownBy(
                        () ->
                                KinesisConnectorOptionsUtil.checkSinkOptions(
                                        badSink, Configuration.fromMap(badSink)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'sink.batch.max-size'");
    }
}
