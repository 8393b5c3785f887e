package io.github.flinkkinesis.kinesis.testutil.fakes;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * A value format stand-in for tests that compare table sources and sinks: its instances are equal
 * by identity only, and it never encodes or decodes.
 */
public final class StubFormat
        implements DecodingFormat<DeserializationSchema<RowData>>,
                EncodingFormat<SerializationSchema<RowData>> {

    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType) {
        throw new UnsupportedOperationException("StubFormat does not decode");
    }

    @Override
    public SerializationSchema<RowData> createRuntimeEncoder(
            DynamicTableSink.Context context, DataType physicalDataType) {
        throw new UnsupportedOperationException("StubFormat does not encode");
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }
}
