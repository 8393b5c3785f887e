package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.kinesis.model.StartingPosition;
import io.github.flinkkinesis.kinesis.source.KinesisDeserializationSchema;
import io.github.flinkkinesis.kinesis.table.metadata.ReadableMetadata;
import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.data.utils.ProjectedRowData;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Builds the rows of a {@code kinesis} table: the value format decodes the record's bytes into the
 * physical fields, the requested metadata columns are appended in the order the planner asked for
 * them. Per record it allocates only the metadata row (shared by all rows the format produces from
 * that record) and the joined row; the current stream name and shard id are reused while
 * consecutive records come from the same shard (a table may read several streams).
 */
@Internal
public final class RowDataKinesisDeserializer implements KinesisDeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final DeserializationSchema<RowData> format;
    @Nullable private final int[] physicalProjection;
    private final ReadableMetadata[] metadata;
    private final TypeInformation<RowData> producedType;

    private transient String currentStream;
    private transient StringData streamData;
    private transient String currentShardId;
    private transient StringData currentShardData;
    private transient RowCollector rowCollector;

    /**
     * @param physicalProjection top-level fields to keep from the format's rows when the format
     *     could not project by itself, or null
     */
    public RowDataKinesisDeserializer(
            DeserializationSchema<RowData> format,
            @Nullable int[] physicalProjection,
            ReadableMetadata[] metadata,
            TypeInformation<RowData> producedType) {
        this.format = format;
        this.physicalProjection = physicalProjection;
        this.metadata = metadata.clone();
        this.producedType = producedType;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        format.open(context);
    }

    @Override
    public void deserialize(Record record, String stream, String shardId, Collector<RowData> out)
            throws IOException {
        deserialize(record, StartingPosition.NO_SUB_SEQUENCE, stream, shardId, out);
    }

    @Override
    public void deserialize(
            Record record,
            long subSequenceNumber,
            String stream,
            String shardId,
            Collector<RowData> out)
            throws IOException {
        if (rowCollector == null) {
            rowCollector = new RowCollector();
        }
        if (!stream.equals(currentStream)) {
            currentStream = stream;
            streamData = StringData.fromString(stream);
        }
        if (!shardId.equals(currentShardId)) {
            currentShardId = shardId;
            currentShardData = StringData.fromString(shardId);
        }
        rowCollector.out = out;
        rowCollector.metadataRow =
                metadata.length == 0 ? null : metadataRow(record, subSequenceNumber);
        format.deserialize(record.data().asByteArrayUnsafe(), rowCollector);
    }

    private GenericRowData metadataRow(Record record, long subSequenceNumber) {
        GenericRowData row = new GenericRowData(metadata.length);
        for (int i = 0; i < metadata.length; i++) {
            row.setField(
                    i, metadata[i].read(record, subSequenceNumber, streamData, currentShardData));
        }
        return row;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }

    /** Receives the format's rows and forwards them projected and joined with the metadata. */
    private final class RowCollector implements Collector<RowData> {
        Collector<RowData> out;
        @Nullable GenericRowData metadataRow;

        @Override
        public void collect(RowData physical) {
            if (physical == null) {
                return;
            }
            RowData row =
                    physicalProjection == null
                            ? physical
                            : ProjectedRowData.from(physicalProjection).replaceRow(physical);
            if (metadataRow == null) {
                out.collect(row);
            } else {
                out.collect(new JoinedRowData(physical.getRowKind(), row, metadataRow));
            }
        }

        @Override
        public void close() {}
    }
}
