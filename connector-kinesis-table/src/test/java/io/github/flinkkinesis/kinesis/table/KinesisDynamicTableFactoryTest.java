package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.testutil.FactoryTables.causeMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.KinesisSourceConfig;
import io.github.flinkkinesis.kinesis.source.ShardAssigner;
import io.github.flinkkinesis.kinesis.testutil.FactoryTables;
import io.github.flinkkinesis.kinesis.testutil.fakes.StubFormat;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.junit.jupiter.api.Test;

/** Option validation of the kinesis table source: each error names the key and what is allowed. */
class KinesisDynamicTableFactoryTest {

    private static Map<String, String> minimal() {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", "arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        options.put("aws.region", "us-east-1");
        options.put("format", "json");
        return options;
    }

    private static Map<String, String> minimalWith(String key, String value) {
        Map<String, String> options = minimal();
        options.put(key, value);
        return options;
    }

    private static DynamicTableSource create(Map<String, String> options) {
        return FactoryUtil.createDynamicTableSource(
                null,
                ObjectIdentifier.of("c", "d", "t"),
                FactoryTables.idNameTable(options, List.of()),
                Map.of(),
                new Configuration(),
                KinesisDynamicTableFactoryTest.class.getClassLoader(),
                false);
    }

    private static void assertFails(Map<String, String> options, String... fragments) {
        assertThatThrownBy(() -> create(options))
                .satisfies(
                        e ->
                                assertThat(causeMessages(e))
                                        .as("messages of %s", e)
                                        .anyMatch(
                                                m -> {
                                                    for (String f : fragments) {
                                                        if (!m.contains(f)) {
                                                            return false;
                                                        }
                                                    }
                                                    return true;
                                                }));
    }

    private static KinesisSourceConfig sourceOptions(Map<String, String> options) {
        DynamicTableSource source = create(options);
        assertThat(source).isInstanceOf(KinesisDynamicSource.class);
        return ((KinesisDynamicSource) source).sourceConfig();
    }

    @Test
    void minimalOptionsCreateASourceReadingAnArn() {
        KinesisSourceConfig options = sourceOptions(minimal());
        assertThat(options.streams().get(0).name()).isEqualTo("orders");
        assertThat(options.streams().get(0).arn())
                .contains("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        assertThat(options.initialPosition()).isEqualTo(StartingPosition.latest());
        assertThat(options.isBounded()).isFalse();
    }

    @Test
    void legacyKeysAreAccepted() {
        Map<String, String> options = minimal();
        options.remove("stream.arn");
        options.put("stream", "orders");
        options.put("scan.stream.initpos", "AT_TIMESTAMP");
        options.put("scan.stream.initpos-timestamp", "1700000000.5");
        options.put("scan.shard.getrecords.maxrecordcount", "500");
        options.put("scan.stream.recordpublisher", "POLLING");
        options.put("scan.shard.discovery.intervalmillis", "5000");
        KinesisSourceConfig parsed = sourceOptions(options);
        assertThat(parsed.streams().get(0).arn()).isEmpty();
        assertThat(parsed.initialPosition())
                .isEqualTo(StartingPosition.atTimestamp(Instant.ofEpochMilli(1_700_000_000_500L)));
    }

    @Test
    void formatOptionsPassThrough() {
        Map<String, String> options = minimal();
        options.put("json.ignore-parse-errors", "true");
        assertThat(create(options)).isInstanceOf(KinesisDynamicSource.class);
    }

    @Test
    void flinksWatermarkOptionsAreAcceptedAndATypoInThemIsNamed() {
        // the planner applies them to the watermark strategy it pushes into the source
        Map<String, String> options = minimal();
        options.put("scan.watermark.idle-timeout", "30 s");
        options.put("scan.watermark.alignment.group", "g");
        options.put("scan.watermark.alignment.max-drift", "1 min");
        options.put("scan.watermark.alignment.update-interval", "2 s");
        options.put("scan.watermark.emit.strategy", "on-event");
        assertThat(create(options)).isInstanceOf(KinesisDynamicSource.class);

        options.put("scan.watermark.alignment.max-drfit", "1 min");
        assertFails(options, "scan.watermark.alignment.max-drfit");
    }

    @Test
    void unknownKeyIsNamed() {
        Map<String, String> options = minimal();
        options.put("source.init.postion", "LATEST");
        assertFails(options, "source.init.postion");
    }

    @Test
    void badEnumValueListsTheAllowedValues() {
        Map<String, String> options = minimal();
        options.put("source.init.position", "EARLIEST");
        assertFails(
                options,
                "'EARLIEST'",
                "'source.init.position'",
                "LATEST, TRIM_HORIZON, AT_TIMESTAMP");

        Map<String, String> legacy = minimal();
        legacy.put("scan.stream.initpos", "EARLIEST");
        assertFails(legacy, "'scan.stream.initpos'", "LATEST, TRIM_HORIZON, AT_TIMESTAMP");

        Map<String, String> stop = minimal();
        stop.put("source.stop.position", "NEVER");
        assertFails(stop, "'source.stop.position'", "UNBOUNDED, LATEST, AT_TIMESTAMP");
    }

    @Test
    void shardAssignerIsUniformByDefaultAndTakesTheValuesAsWritten() {
        assertThat(sourceOptions(minimal()).shardAssigner()).isEqualTo(ShardAssigner.UNIFORM);
        Map<String, String> modulo = minimal();
        modulo.put("source.shard-assigner", "shard-id-modulo");
        assertThat(sourceOptions(modulo).shardAssigner()).isEqualTo(ShardAssigner.SHARD_ID_MODULO);
        Map<String, String> upper = minimal();
        upper.put("source.shard-assigner", "UNIFORM");
        assertThat(sourceOptions(upper).shardAssigner()).isEqualTo(ShardAssigner.UNIFORM);

        Map<String, String> typo = minimal();
        typo.put("source.shard-assigner", "round-robin");
        assertFails(typo, "'round-robin'", "'source.shard-assigner'", "uniform, shard-id-modulo");
    }

    @Test
    void missingStreamIsNamed() {
        Map<String, String> options = minimal();
        options.remove("stream.arn");
        assertFails(options, "stream.arn");
    }

    @Test
    void invalidStreamValueSaysWhatIsExpected() {
        Map<String, String> options = minimal();
        options.put("stream.arn", "arn:aws:s3:::bucket");
        assertFails(options, "'stream.arn'", "arn:aws:kinesis:REGION:ACCOUNT:stream/NAME");
    }

    @Test
    void aStreamArnOfAnotherRegionNamesBothKeysAndTheRegionToSet() {
        Map<String, String> options = minimal();
        options.put("stream.arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders");
        options.put("aws.region", "us-east-1");
        assertFails(
                options,
                "'stream.arn' is in region eu-west-1",
                "'aws.region' is 'us-east-1'",
                "set 'aws.region' = 'eu-west-1'");

        options.put("aws.region", "eu-west-1");
        assertThat(create(options)).isInstanceOf(KinesisDynamicSource.class);
    }

    @Test
    void atTimestampWithoutTimestampNamesTheKey() {
        Map<String, String> options = minimal();
        options.put("source.init.position", "AT_TIMESTAMP");
        assertFails(options, "'source.init.timestamp' is required", "'source.init.position'");
    }

    @Test
    void unparsableTimestampNamesKeyAndFormat() {
        Map<String, String> options = minimal();
        options.put("source.init.position", "AT_TIMESTAMP");
        options.put("source.init.timestamp", "yesterday");
        assertFails(
                options, "'yesterday'", "'source.init.timestamp'", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }

    @Test
    void timestampInACustomFormatWithoutZoneIsUtc() {
        Map<String, String> options = minimal();
        options.put("source.init.position", "AT_TIMESTAMP");
        options.put("source.init.timestamp", "2026-01-02 03:04:05");
        options.put("source.init.timestamp.format", "yyyy-MM-dd HH:mm:ss");
        assertThat(sourceOptions(options).initialPosition().timestamp())
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void stopAtTimestampNeedsATimestamp() {
        Map<String, String> options = minimal();
        options.put("source.stop.position", "AT_TIMESTAMP");
        assertFails(options, "'source.stop.timestamp' is required", "'source.stop.position'");

        options.put("source.stop.timestamp", "2026-01-02T03:04:05.000Z");
        assertThat(sourceOptions(options).isBounded()).isTrue();
    }

    @Test
    void maxRecordCountMustBeWithinKinesisLimits() {
        for (String value : List.of("0", "10001")) {
            Map<String, String> options = minimal();
            options.put("source.shard.get-records.max-record-count", value);
            assertFails(
                    options, "'source.shard.get-records.max-record-count'", "between 1 and 10000");
        }
    }

    @Test
    void efoIsRejectedWithAClearMessage() {
        Map<String, String> options = minimal();
        options.put("source.reader.type", "EFO");
        assertFails(options, "'source.reader.type'", "not implemented", "POLLING");

        Map<String, String> legacy = minimal();
        legacy.put("scan.stream.recordpublisher", "EFO");
        assertFails(legacy, "not implemented", "POLLING");
    }

    @Test
    void badAwsOptionIsNamed() {
        Map<String, String> options = minimal();
        options.put("aws.credentials.provider", "BASIC");
        assertFails(options, "'aws.credentials.basic.accesskeyid'");
    }

    @Test
    void aWronglyTypedFormatOptionFailsNamingTheKeyAndValue() {
        assertFails(
                minimalWith("json.ignore-parse-errors", "maybe"), "ignore-parse-errors", "maybe");
    }

    @Test
    void blankAwsValuesFailWhenTheTableIsCreated() {
        assertFails(minimalWith("aws.region", ""), "'aws.region'", "must not be blank");

        Map<String, String> key = minimal();
        key.put("aws.credentials.provider", "BASIC");
        key.put("aws.credentials.basic.accesskeyid", " ");
        key.put("aws.credentials.basic.secretkey", "s3cr3t-value");
        assertFails(key, "'aws.credentials.basic.accesskeyid'", "must not be blank");
    }

    @Test
    void sourcesCompareByTheirSettings() {
        KinesisDynamicSource orders = (KinesisDynamicSource) create(minimal());
        Map<String, String> other = minimal();
        other.put("stream.arn", "arn:aws:kinesis:us-east-1:123456789012:stream/payments");
        KinesisDynamicSource payments = (KinesisDynamicSource) create(other);
        DecodingFormat<DeserializationSchema<RowData>> format = new StubFormat();
        DataType type = DataTypes.ROW(DataTypes.FIELD("name", DataTypes.STRING()));
        KinesisDynamicSource a =
                new KinesisDynamicSource(
                        type, format, orders.sourceConfig(), AwsConfig.fromMap(minimal()));
        KinesisDynamicSource b =
                new KinesisDynamicSource(
                        type, format, payments.sourceConfig(), AwsConfig.fromMap(minimal()));
        assertThat(a).isEqualTo(a.copy()).hasSameHashCodeAs(a.copy()).isNotEqualTo(b);
    }
}
