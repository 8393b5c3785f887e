package io.github.flinkkinesis.glue.registry;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.glue.registry.avro.AvroGlueDeserializationSchema;
import io.github.flinkkinesis.glue.registry.avro.AvroGlueSerializationSchema;
import io.github.flinkkinesis.glue.registry.client.GlueSchemaRegistry;
import io.github.flinkkinesis.glue.registry.client.SchemaRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The {@code avro-glue} format: Avro records framed by the AWS Glue Schema Registry, for reading
 * and writing with any connector ({@code 'format' = 'avro-glue'}, or {@code 'value.format'}). The
 * planner calls it once per table; it validates the options (naming keys as written) and ships the
 * settings and the registry's AWS connection to the runtime schemas.
 */
@PublicEvolving
public class AvroGlueFormatFactory
        implements DeserializationFormatFactory, SerializationFormatFactory {

    public static final String IDENTIFIER = "avro-glue";

    /** The registry seam, replaceable by tests (a fake registry); Glue by default. */
    protected SchemaRegistry.Factory registry(
            io.github.flinkkinesis.aws.AwsConfig aws, Map<String, String> tableOptions) {
        return GlueSchemaRegistry.factory(aws);
    }

    private record Settings(RegistryFormatConfig config, SchemaRegistry.Factory registry) {}

    private Settings settings(DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        Map<String, String> table = context.getCatalogTable().getOptions();
        String prefix = FormatOptionChecks.prefix(table, IDENTIFIER);
        FormatOptionChecks.check(table, prefix);
        RegistryFormatConfig config = RegistryFormatConfig.from(formatOptions, prefix);
        io.github.flinkkinesis.aws.AwsConfig aws = FormatOptionChecks.aws(table, prefix);
        AwsClients.region(aws); // no region anywhere: fail while planning, naming the option
        return new Settings(config, registry(aws, table));
    }

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        Settings settings = settings(context, formatOptions);
        return new DecodingFormat<>() {
            @Override
            public DeserializationSchema<RowData> createRuntimeDecoder(
                    DynamicTableSource.Context runtime, DataType physicalDataType) {
                return new AvroGlueDeserializationSchema(
                        (RowType) physicalDataType.getLogicalType(),
                        runtime.createTypeInformation(physicalDataType),
                        settings.config(),
                        settings.registry());
            }

            @Override
            public ChangelogMode getChangelogMode() {
                return ChangelogMode.insertOnly();
            }
        };
    }

    @Override
    public EncodingFormat<SerializationSchema<RowData>> createEncodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        Settings settings = settings(context, formatOptions);
        return new EncodingFormat<>() {
            @Override
            public SerializationSchema<RowData> createRuntimeEncoder(
                    DynamicTableSink.Context runtime, DataType physicalDataType) {
                return new AvroGlueSerializationSchema(
                        (RowType) physicalDataType.getLogicalType(),
                        settings.config(),
                        settings.registry());
            }

            @Override
            public ChangelogMode getChangelogMode() {
                return ChangelogMode.insertOnly();
            }
        };
    }

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return new HashSet<>(GlueSchemaRegistryOptions.required());
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return new HashSet<>(GlueSchemaRegistryOptions.optional());
    }
}
