package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.sink.KinesisSinkConfig;
import io.github.flinkkinesis.kinesis.sink.RowDataFieldsPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.FixedPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.RandomPartitioner;
import io.github.flinkkinesis.kinesis.testutil.FactoryTables;
import io.github.flinkkinesis.kinesis.testutil.fakes.NamePartitioner;
import io.github.flinkkinesis.kinesis.testutil.fakes.StubFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.junit.jupiter.api.Test;

/** The sink side of the kinesis factory: options become a sink, bad options a clear error. */
class KinesisDynamicSinkFactoryTest {

    private static Map<String, String> baseOptions() {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", "orders");
        options.put("aws.region", "us-east-1");
        options.put("format", "json");
        return options;
    }

    private static DynamicTableSink sink(Map<String, String> options, List<String> partitionKeys) {
        return FactoryUtil.createDynamicTableSink(
                new KinesisDynamicTableFactory(),
                ObjectIdentifier.of("cat", "db", "orders"),
                FactoryTables.idNameTable(options, partitionKeys),
                Map.of(),
                new Configuration(),
                KinesisDynamicSinkFactoryTest.class.getClassLoader(),
                false);
    }

    private static DynamicTableSink sink(Map<String, String> options) {
        return sink(options, List.of());
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> options = baseOptions();
        options.put(key, value);
        return options;
    }

    /** The message of the innermost cause: what the user reads at the bottom of the trace. */
    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static void assertInvalid(Map<String, String> options, String... fragments) {
        assertInvalid(options, List.of(), fragments);
    }

    private static void assertInvalid(
            Map<String, String> options, List<String> partitionKeys, String... fragments) {
        assertThatThrownBy(() -> sink(options, partitionKeys))
                .satisfies(e -> assertThat(rootMessage(e)).contains(fragments));
    }

    @Test
    void defaultsMatchTheDocumentedOptions() {
        KinesisDynamicSink sink = (KinesisDynamicSink) sink(baseOptions());
        KinesisSinkConfig config = sink.sinkConfig();
        assertThat(config.stream()).isEqualTo("orders");
        assertThat(config.maxBatchSize()).isEqualTo(500);
        assertThat(config.maxInFlightRequests()).isEqualTo(50);
        assertThat(config.maxBufferedRequests()).isEqualTo(10_000);
        assertThat(config.maxBatchSizeInBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(config.maxTimeInBufferMs()).isEqualTo(5_000);
        assertThat(config.maxRecordSizeInBytes()).isEqualTo(1024L * 1024);
        assertThat(config.failOnError()).isFalse();
        assertThat(config.retryMaxDurationMs()).isEqualTo(5 * 60_000);
        assertThat(config.aggregationEnabled()).isFalse();
        assertThat(config.aggregationMaxCount()).isEqualTo(500);
        assertThat(config.aggregationMaxSizeInBytes()).isEqualTo(50L * 1024);
        // the builder's defaults are the options' defaults
        assertThat(config)
                .isEqualTo(
                        KinesisSinkConfig.builder("orders")
                                .maxTimeInBuffer(java.time.Duration.ofSeconds(5))
                                .build());
        assertThat(sink.partitioner()).isInstanceOf(RandomPartitioner.class);
        assertThat(sink.getChangelogMode(ChangelogMode.all()))
                .isEqualTo(ChangelogMode.insertOnly());
        assertThat(sink.listWritableMetadata())
                .containsOnlyKeys("partition-key", "explicit-hash-key");
    }

    @Test
    void readsEverySinkOption() {
        Map<String, String> options = baseOptions();
        options.put("sink.batch.max-size", "100");
        options.put("sink.requests.max-inflight", "4");
        options.put("sink.requests.max-buffered", "1000");
        options.put("sink.flush-buffer.size", "10mb");
        options.put("sink.flush-buffer.timeout", "250ms");
        options.put("sink.record.max-size", "10mb");
        options.put("sink.fail-on-error", "true");
        options.put("sink.retry.max-duration", "90s");
        options.put("sink.partitioner", "fixed");
        options.put("sink.aggregation.enabled", "true");
        options.put("sink.aggregation.max-count", "77");
        options.put("sink.aggregation.max-size", "256kb");
        options.put("sink.http-client.max-concurrency", "8");
        options.put("sink.http-client.read-timeout", "30s");
        options.put("sink.http-client.protocol.version", "HTTP2");
        KinesisDynamicSink sink = (KinesisDynamicSink) sink(options);
        KinesisSinkConfig config = sink.sinkConfig();
        assertThat(config.maxBatchSize()).isEqualTo(100);
        assertThat(config.maxInFlightRequests()).isEqualTo(4);
        assertThat(config.maxBufferedRequests()).isEqualTo(1000);
        assertThat(config.maxBatchSizeInBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.maxTimeInBufferMs()).isEqualTo(250);
        assertThat(config.maxRecordSizeInBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.failOnError()).isTrue();
        assertThat(config.retryMaxDurationMs()).isEqualTo(90_000);
        assertThat(config.aggregationEnabled()).isTrue();
        assertThat(config.aggregationMaxCount()).isEqualTo(77);
        assertThat(config.aggregationMaxSizeInBytes()).isEqualTo(256L * 1024);
        assertThat(sink.partitioner()).isInstanceOf(FixedPartitioner.class);
        // the official connector's sink.http-client.* keys reach the shared HTTP settings
        assertThat(sink.awsConfig().httpMaxConcurrency()).isEqualTo(8);
        assertThat(sink.awsConfig().httpReadTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(sink.awsConfig().httpProtocol())
                .isEqualTo(io.github.flinkkinesis.aws.HttpProtocol.HTTP2);
    }

    @Test
    void aggregationLimitsOutsideTheirRangeNameTheKeyAndTheRange() {
        assertInvalid(
                with("sink.aggregation.max-size", "63b"),
                "'sink.aggregation.max-size'",
                "must be between 64 bytes and 10 MiB");
        assertInvalid(
                with("sink.aggregation.max-size", "11mb"),
                "'sink.aggregation.max-size'",
                "must be between 64 bytes and 10 MiB");
        assertInvalid(
                with("sink.aggregation.max-count", "0"),
                "'sink.aggregation.max-count'",
                "must be between 1 and 2147483647");
        assertInvalid(with("sink.aggregation.enabled", "yes please"), "'sink.aggregation.enabled'");
    }

    @Test
    void partitionedByFieldsMakeTheKey() {
        KinesisDynamicSink sink = (KinesisDynamicSink) sink(baseOptions(), List.of("name"));
        assertThat(sink.partitioner()).isInstanceOf(RowDataFieldsPartitioner.class);
    }

    @Test
    void customPartitionerClass() {
        KinesisDynamicSink sink =
                (KinesisDynamicSink)
                        sink(with("sink.partitioner", NamePartitioner.class.getName()));
        assertThat(sink.partitioner()).isInstanceOf(NamePartitioner.class);
    }

    @Test
    void batchSizeMustBeOneToFiveHundred() {
        assertInvalid(
                with("sink.batch.max-size", "0"), "'sink.batch.max-size'", "between 1 and 500");
        assertInvalid(with("sink.batch.max-size", "501"), "'501'", "'sink.batch.max-size'");
    }

    @Test
    void recordMaxSizeIsAtMostTenMebibytes() {
        Map<String, String> options = with("sink.record.max-size", "11mb");
        options.put("sink.flush-buffer.size", "10mb");
        assertInvalid(options, "'sink.record.max-size'", "10 MiB");
    }

    @Test
    void recordMaxSizeMustFitInOneCall() {
        assertInvalid(
                with("sink.record.max-size", "6mb"),
                "'sink.record.max-size'",
                "must not exceed 'sink.flush-buffer.size'");
    }

    @Test
    void flushBufferSizeIsAtMostTenMebibytes() {
        assertInvalid(with("sink.flush-buffer.size", "20mb"), "'sink.flush-buffer.size'");
    }

    @Test
    void inFlightAndBufferedLimits() {
        assertInvalid(with("sink.requests.max-inflight", "0"), "'sink.requests.max-inflight'");
        assertInvalid(
                with("sink.requests.max-buffered", "500"),
                "'sink.requests.max-buffered'",
                "greater than 'sink.batch.max-size'");
    }

    @Test
    void unknownPartitionerClassNamesTheOptionAndTheChoices() {
        assertInvalid(
                with("sink.partitioner", "com.example.NoSuchPartitioner"),
                "'sink.partitioner'",
                "com.example.NoSuchPartitioner",
                "'random', 'fixed'");
    }

    @Test
    void partitionerClassMustImplementTheInterface() {
        assertInvalid(
                with("sink.partitioner", String.class.getName()),
                "'sink.partitioner'",
                "does not implement");
    }

    @Test
    void partitionedByAndSinkPartitionerCannotBeCombined() {
        assertInvalid(
                with("sink.partitioner", "fixed"),
                List.of("name"),
                "'sink.partitioner' cannot be combined with PARTITIONED BY [name]");
    }

    @Test
    void invalidStreamNamesTheOption() {
        assertInvalid(
                with("stream.arn", "arn:aws:s3:::bucket"),
                "'stream.arn'",
                "not a Kinesis stream ARN");
    }

    @Test
    void streamArnIsKeptForCalls() {
        String arn = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";
        KinesisSinkConfig config =
                ((KinesisDynamicSink) sink(with("stream.arn", arn))).sinkConfig();
        assertThat(config.stream()).isEqualTo(arn);
        assertThat(config.streamId().arn()).contains(arn);
        assertThat(config.streamId().name()).isEqualTo("orders");
    }

    @Test
    void typosAreRejectedNamingTheKey() {
        assertInvalid(with("sink.batch.max-sise", "10"), "sink.batch.max-sise");
    }

    @Test
    void sinksCompareByTheirSettings() {
        KinesisDynamicSink orders = (KinesisDynamicSink) sink(with("stream.arn", "orders"));
        assertThat(orders).isEqualTo(orders.copy()).hasSameHashCodeAs(orders.copy());
        EncodingFormat<SerializationSchema<RowData>> format = new StubFormat();
        DataType type = DataTypes.ROW(DataTypes.FIELD("name", DataTypes.STRING()));
        KinesisDynamicSink a = withFormat(orders, format, type);
        KinesisDynamicSink b =
                withFormat((KinesisDynamicSink) sink(with("stream.arn", "payments")), format, type);
        assertThat(a).isEqualTo(withFormat(orders, format, type)).isNotEqualTo(b);
    }

    private static KinesisDynamicSink withFormat(
            KinesisDynamicSink sink,
            EncodingFormat<SerializationSchema<RowData>> format,
            DataType type) {
        return new KinesisDynamicSink(
                format,
                type,
                sink.sinkConfig(),
                sink.awsConfig(),
                sink.partitioner(),
                "the random partitioner",
                true);
    }
}
