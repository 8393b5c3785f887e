package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.lineage.DefaultLineageDataset;
import org.apache.flink.streaming.api.lineage.DefaultSourceLineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertexProvider;

/**
 * The source's Flink-line seam, Flink 2.x build: reports the stream the source reads to Flink's
 * lineage graph ({@link LineageVertexProvider}), as one dataset named by {@link
 * StreamId#datasetName()} in {@link StreamId#datasetNamespace(String)}.
 *
 * <p>The 1.20 build's version ({@code src/main/flink-1.20/java}) is empty: Flink 1.20 builds no
 * lineage graph.
 */
@Internal
public interface FlinkLineSource extends LineageVertexProvider {

    /** The stream read. */
    StreamId lineageStream();

    /** The region of the AWS client, or null when the SDK's default applies. */
    @Nullable
    String lineageRegion();

    /** The source's boundedness (Flink's {@code Source#getBoundedness}). */
    Boundedness getBoundedness();

    @Override
    default LineageVertex getLineageVertex() {
        DefaultSourceLineageVertex vertex = new DefaultSourceLineageVertex(getBoundedness());
        StreamId stream = lineageStream();
        vertex.addDataset(
                new DefaultLineageDataset(
                        stream.datasetName(), stream.datasetNamespace(lineageRegion()), Map.of()));
        return vertex;
    }
}
