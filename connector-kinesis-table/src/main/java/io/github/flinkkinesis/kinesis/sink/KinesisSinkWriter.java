package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import java.util.Collection;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;

/**
 * The sink writer of one subtask, on Flink's {@link AsyncSinkWriter}.
 *
 * <p>Lifecycle: created (or restored with the entries buffered at the last checkpoint) on the task
 * manager, where it creates its {@link PutRecordsProxy}; each row becomes a {@link
 * KinesisSinkEntry} (checked against {@code sink.record.max-size} here, before it is buffered); the
 * base batches entries (at most {@code sink.batch.max-size} records and {@code
 * sink.flush-buffer.size} bytes per call), sends a batch when it is full or {@code
 * sink.flush-buffer.timeout} passed, and blocks the task (backpressure) when {@code
 * sink.requests.max-inflight} calls are open or {@code sink.requests.max-buffered} entries wait. At
 * a checkpoint the base waits for every in-flight call and snapshots the still-buffered entries, so
 * nothing acknowledged by the checkpoint is lost (at-least-once). {@link PutRecordsSubmitter}
 * decides retry or failure per call. With {@code sink.aggregation.enabled} the proxy is wrapped in
 * a {@link KplAggregatingProxy}, which packs each batch into KPL aggregated records as it is sent
 * (buffer, state and retries stay in user records). {@link #close()} closes the proxy.
 */
@Internal
public class KinesisSinkWriter<InputT> extends AsyncSinkWriter<InputT, KinesisSinkEntry> {

    private final PutRecordsProxy proxy;
    private final PutRecordsSubmitter submitter;
    private final KinesisSinkMetrics metrics;

    public KinesisSinkWriter(
            ElementConverter<InputT, KinesisSinkEntry> elementConverter,
            WriterInitContext context,
            KinesisSinkConfig config,
            PutRecordsProxy proxy,
            Collection<BufferedRequestState<KinesisSinkEntry>> states) {
        super(
                new SizeCheckingConverter<>(elementConverter, config),
                context,
                AsyncSinkWriterConfiguration.builder()
                        .setMaxBatchSize(config.maxBatchSize())
                        .setMaxBatchSizeInBytes(config.maxBatchSizeInBytes())
                        .setMaxInFlightRequests(config.maxInFlightRequests())
                        .setMaxBufferedRequests(config.maxBufferedRequests())
                        .setMaxTimeInBufferMS(config.maxTimeInBufferMs())
                        .setMaxRecordSizeInBytes(config.maxRecordSizeInBytes())
                        .setRateLimitingStrategy(
                                new ProportionalRateLimiting(
                                        config.maxBatchSize(), config.maxInFlightRequests()))
                        .build(),
                states);
        this.metrics = new KinesisSinkMetrics(context.metricGroup());
        this.proxy =
                config.aggregationEnabled()
                        ? new KplAggregatingProxy(proxy, config, metrics)
                        : proxy;
        this.submitter = new PutRecordsSubmitter(config, this.proxy, metrics);
    }

    @Override
    protected void submitRequestEntries(
            List<KinesisSinkEntry> requestEntries, ResultHandler<KinesisSinkEntry> resultHandler) {
        submitter.submit(requestEntries, resultHandler);
    }

    @Override
    protected long getSizeInBytes(KinesisSinkEntry requestEntry) {
        return requestEntry.sizeInBytes();
    }

    /** The sink's metrics (for tests and diagnostics). */
    public KinesisSinkMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            proxy.close();
        }
    }

    /**
     * Rejects a record above {@code sink.record.max-size} with a message naming the option (the
     * base would throw a bare IllegalArgumentException).
     */
    static final class SizeCheckingConverter<InputT>
            implements FlinkLineElementConverter<InputT, KinesisSinkEntry> {

        private static final long serialVersionUID = 1L;

        private final ElementConverter<InputT, KinesisSinkEntry> inner;
        private final KinesisSinkConfig config;

        SizeCheckingConverter(
                ElementConverter<InputT, KinesisSinkEntry> inner, KinesisSinkConfig config) {
            this.inner = inner;
            this.config = config;
        }

        @Override
        public void open(WriterInitContext context) {
            // the inner converter may be anyone's: open it as this Flink line's writer would
            FlinkLineElementConverter.openWith(inner, context);
        }

        @Override
        public KinesisSinkEntry apply(InputT element, SinkWriter.Context context) {
            KinesisSinkEntry entry = inner.apply(element, context);
            if (entry.sizeInBytes() > config.maxRecordSizeInBytes()) {
                throw new KinesisSinkException(
                        "A record for stream '"
                                + config.stream()
                                + "' is "
                                + entry.sizeInBytes()
                                + " bytes (data plus partition key '"
                                + entry.partitionKey()
                                + "'), more than 'sink.record.max-size' ("
                                + config.maxRecordSizeInBytes()
                                + " bytes). Write smaller records, or raise the stream's maximum"
                                + " record size and 'sink.record.max-size' (at most 10 MiB).");
            }
            return entry;
        }
    }
}
