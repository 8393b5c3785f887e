package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.lineage.DefaultLineageDataset;
import org.apache.flink.streaming.api.lineage.DefaultLineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertexProvider;

/**
 * The Sink V2 seam, Flink 2.x build (2.0 to 2.3): Flink's {@link Sink} asks only for {@code
 * createWriter(WriterInitContext)}, which {@link KinesisSink} implements on every line; this
 * interface adds reporting the stream written to Flink's lineage graph ({@link
 * LineageVertexProvider}), as one dataset named by {@link StreamId#datasetName()} in {@link
 * StreamId#datasetNamespace(String)}.
 *
 * <p>Why it exists: Flink 1.20's {@code Sink} still declares the deprecated abstract {@code
 * createWriter(Sink.InitContext)}, a type 2.x removed; the 1.20 build's version of this interface
 * ({@code src/main/flink-1.20/java}) implements it, and reports no lineage (1.20 builds no lineage
 * graph).
 */
@Internal
public interface FlinkLineSink<InputT> extends Sink<InputT>, LineageVertexProvider {

    /** The stream written. */
    StreamId lineageStream();

    /** The region of the AWS client, or null when the SDK's default applies. */
    @Nullable
    String lineageRegion();

    @Override
    default LineageVertex getLineageVertex() {
        DefaultLineageVertex vertex = new DefaultLineageVertex();
        StreamId stream = lineageStream();
        vertex.addLineageDataset(
                new DefaultLineageDataset(
                        stream.datasetName(), stream.datasetNamespace(lineageRegion()), Map.of()));
        return vertex;
    }
}
