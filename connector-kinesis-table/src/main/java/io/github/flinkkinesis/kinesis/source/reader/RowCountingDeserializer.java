package io.github.flinkkinesis.kinesis.source.reader;

import io.github.flinkkinesis.kinesis.source.KinesisDeserializationSchema;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Wraps a deserializer to count the values it emits against a {@link RowLimit}: rows, not Kinesis
 * records, because a record may give zero values (skipped) or many (a KPL aggregate is
 * de-aggregated before, but a format may still emit several rows per record).
 */
@Internal
public final class RowCountingDeserializer<T> implements KinesisDeserializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final KinesisDeserializationSchema<T> inner;
    private final transient RowLimit limit;

    public RowCountingDeserializer(KinesisDeserializationSchema<T> inner, RowLimit limit) {
        this.inner = inner;
        this.limit = limit;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        inner.open(context);
    }

    @Override
    public void deserialize(Record record, String stream, String shardId, Collector<T> out)
            throws IOException {
        inner.deserialize(record, stream, shardId, counting(out));
    }

    @Override
    public void deserialize(
            Record record, long subSequenceNumber, String stream, String shardId, Collector<T> out)
            throws IOException {
        inner.deserialize(record, subSequenceNumber, stream, shardId, counting(out));
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return inner.getProducedType();
    }

    private Collector<T> counting(Collector<T> out) {
        return new Collector<>() {
            @Override
            public void collect(T value) {
                limit.rowEmitted();
                out.collect(value);
            }

            @Override
            public void close() {
                out.close();
            }
        };
    }
}
