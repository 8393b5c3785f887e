package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.StreamId;
import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The Sink V2 seam, Flink 1.20 build: 1.20's {@link Sink} still declares the deprecated abstract
 * {@code createWriter(Sink.InitContext)} (2.x removed it with its context type). Flink 1.20 itself
 * creates writers with {@code createWriter(WriterInitContext)}, which {@link KinesisSink}
 * implements on every line; this interface implements the old method by handing over to it.
 */
@Internal
@SuppressWarnings("deprecation") // Sink.InitContext: the 1.20 API this interface completes
public interface FlinkLineSink<InputT> extends Sink<InputT> {

    /** The stream written (the 2.x build reports it to Flink's lineage graph; 1.20 has none). */
    StreamId lineageStream();

    /** The region of the AWS client, or null when the SDK's default applies. */
    @Nullable
    String lineageRegion();

    @Override
    default SinkWriter<InputT> createWriter(Sink.InitContext context) throws IOException {
        return createWriter(WriterInitContexts.of(context));
    }
}
