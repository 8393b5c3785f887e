package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import java.util.Collection;
import java.util.Collections;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Sink V2 that writes to one Kinesis data stream with PutRecords, at least once.
 *
 * <p>It is a serializable description built in the planner: the element converter (value bytes,
 * partition key, explicit hash key), the {@link KinesisSinkConfig} and a factory for the {@link
 * PutRecordsProxy}. Each subtask gets a {@link KinesisSinkWriter}; its state is the list of
 * buffered entries, serialized by the versioned {@link KinesisSinkEntrySerializer}.
 *
 * <p>The same class on every Flink line: {@link FlinkLineSink} adds what Flink 1.20's {@code Sink}
 * asks for beyond 2.x, and the element converter is opened through {@link
 * FlinkLineElementConverter}.
 */
@PublicEvolving
public class KinesisSink<InputT> extends AsyncSinkBase<InputT, KinesisSinkEntry>
        implements FlinkLineSink<InputT> {

    private static final long serialVersionUID = 1L;

    private final KinesisSinkConfig config;
    private final PutRecordsProxy.Factory proxyFactory;
    @Nullable private final String region;

    public KinesisSink(
            ElementConverter<InputT, KinesisSinkEntry> elementConverter,
            KinesisSinkConfig config,
            PutRecordsProxy.Factory proxyFactory) {
        this(elementConverter, config, proxyFactory, null);
    }

    /**
     * @param region the AWS client's region (named in the sink's lineage), or null when unknown
     */
    public KinesisSink(
            ElementConverter<InputT, KinesisSinkEntry> elementConverter,
            KinesisSinkConfig config,
            PutRecordsProxy.Factory proxyFactory,
            @Nullable String region) {
        super(
                elementConverter,
                config.maxBatchSize(),
                config.maxInFlightRequests(),
                config.maxBufferedRequests(),
                config.maxBatchSizeInBytes(),
                config.maxTimeInBufferMs(),
                config.maxRecordSizeInBytes());
        this.config = config;
        this.proxyFactory = proxyFactory;
        this.region = region;
    }

    @Override
    public StreamId lineageStream() {
        return config.streamId();
    }

    @Override
    @Nullable
    public String lineageRegion() {
        return region;
    }

    public KinesisSinkConfig config() {
        return config;
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<KinesisSinkEntry>> createWriter(
            WriterInitContext context) {
        return restoreWriter(context, Collections.emptyList());
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<KinesisSinkEntry>> restoreWriter(
            WriterInitContext context,
            Collection<BufferedRequestState<KinesisSinkEntry>> recoveredState) {
        return new KinesisSinkWriter<>(
                getElementConverter(), context, config, proxyFactory.create(), recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<KinesisSinkEntry>>
            getWriterStateSerializer() {
        return new KinesisSinkEntrySerializer();
    }
}
