package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.aws.AwsOptions;
import io.github.flinkkinesis.kinesis.sink.KinesisSinkConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.DataType;

/**
 * The {@code kinesis} table factory: declares every option, validates a table's options (any
 * unknown key is an error naming it; only the value format's own options are passed through) and
 * creates the table source and sink, after checking that this jar is built for the Flink line that
 * runs it ({@link FlinkLineCheck}).
 */
@PublicEvolving
public class KinesisDynamicTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    public static final String IDENTIFIER = "kinesis";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        Set<ConfigOption<?>> options = new HashSet<>();
        // 'stream.arn' or 'stream-pattern': checked by KinesisConnectorOptionsUtil.streams
        options.add(FactoryUtil.FORMAT);
        return options;
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(AwsOptions.all());
        options.add(KinesisConnectorOptions.STREAM);
        options.add(KinesisConnectorOptions.STREAM_PATTERN);
        options.add(KinesisConnectorOptions.SOURCE_INIT_POSITION);
        options.add(KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP);
        options.add(KinesisConnectorOptions.SOURCE_INIT_TIMESTAMP_FORMAT);
        options.add(KinesisConnectorOptions.SOURCE_STOP_POSITION);
        options.add(KinesisConnectorOptions.SOURCE_STOP_TIMESTAMP);
        options.add(KinesisConnectorOptions.SOURCE_READER_TYPE);
        options.add(KinesisConnectorOptions.SOURCE_SHARD_DISCOVERY_INTERVAL);
        options.add(KinesisConnectorOptions.SOURCE_SHARD_ASSIGNER);
        options.add(KinesisConnectorOptions.SOURCE_GET_RECORDS_MAX);
        options.add(KinesisConnectorOptions.SOURCE_EMPTY_FETCH_INTERVAL);
        options.add(KinesisConnectorOptions.SOURCE_NONEMPTY_FETCH_INTERVAL);
        options.add(KinesisConnectorOptions.SOURCE_READER_FETCHER_THREADS);
        options.add(KinesisConnectorOptions.SINK_PARTITIONER);
        options.add(KinesisConnectorOptions.SINK_PARTITIONER_FIELD_DELIMITER);
        options.add(KinesisConnectorOptions.SINK_FAIL_ON_ERROR);
        options.add(KinesisConnectorOptions.SINK_RETRY_MAX_DURATION);
        options.add(KinesisConnectorOptions.SINK_BATCH_MAX_SIZE);
        options.add(KinesisConnectorOptions.SINK_REQUESTS_MAX_INFLIGHT);
        options.add(KinesisConnectorOptions.SINK_REQUESTS_MAX_BUFFERED);
        options.add(KinesisConnectorOptions.SINK_FLUSH_BUFFER_SIZE);
        options.add(KinesisConnectorOptions.SINK_FLUSH_BUFFER_TIMEOUT);
        options.add(KinesisConnectorOptions.SINK_RECORD_MAX_SIZE);
        options.add(KinesisConnectorOptions.SINK_AGGREGATION_ENABLED);
        options.add(KinesisConnectorOptions.SINK_AGGREGATION_MAX_COUNT);
        options.add(KinesisConnectorOptions.SINK_AGGREGATION_MAX_SIZE);
        return options;
    }

    private Set<ConfigOption<?>> declaredOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(requiredOptions());
        options.addAll(optionalOptions());
        return options;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FlinkLineCheck.checkRunningFlink();
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        Map<String, String> raw = context.getCatalogTable().getOptions();
        // values as written first: a typo lists the allowed values instead of a parse error
        KinesisConnectorOptionsUtil.validateRawValues(raw, declaredOptions());
        DecodingFormat<DeserializationSchema<RowData>> decodingFormat =
                helper.discoverDecodingFormat(
                        DeserializationFormatFactory.class, FactoryUtil.FORMAT);
        // unknown keys (other than the format's own) are errors naming them
        helper.validate();
        ReadableConfig options = helper.getOptions();
        KinesisConnectorOptionsUtil.checkReaderType(raw, options);
        // the sink settings too: a table with a wrong value fails whichever way it is used first
        KinesisConnectorOptionsUtil.checkSinkOptions(raw, options);
        return new KinesisDynamicSource(
                context.getPhysicalRowDataType(),
                decodingFormat,
                KinesisConnectorOptionsUtil.sourceConfig(raw, options),
                AwsConfig.fromMap(raw));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FlinkLineCheck.checkRunningFlink();
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        KinesisConnectorOptionsUtil.validateRawValues(
                context.getCatalogTable().getOptions(), declaredOptions());
        EncodingFormat<SerializationSchema<RowData>> valueFormat =
                helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        Map<String, String> raw = context.getCatalogTable().getOptions();
        ReadableConfig options = helper.getOptions();
        KinesisSinkConfig sinkConfig = KinesisConnectorOptionsUtil.sinkConfig(raw, options);
        // the source settings too: a table with a wrong value fails whichever way it is used first
        KinesisConnectorOptionsUtil.sourceConfig(raw, options);
        DataType physicalDataType = context.getPhysicalRowDataType();
        SinkPartitioners.PartitionerChoice partitioner =
                SinkPartitioners.partitioner(
                        options,
                        context.getCatalogTable().getPartitionKeys(),
                        physicalDataType,
                        context.getClassLoader());
        return new KinesisDynamicSink(
                valueFormat,
                physicalDataType,
                sinkConfig,
                AwsConfig.fromMap(raw),
                partitioner.partitioner,
                partitioner.origin,
                partitioner.trusted);
    }
}
