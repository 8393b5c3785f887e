package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.lineage.DefaultLineageDataset;
import org.apache.flink.streaming.api.lineage.DefaultSourceLineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertexProvider;

/**
 * The source's Flink-line seam, Flink 2.x build: reports the streams the source reads to Flink's
 * lineage graph ({@link LineageVertexProvider}), one dataset per listed stream named by {@link
 * StreamId#datasetName()} in {@link StreamId#datasetNamespace(String)}; a source whose streams a
 * pattern chooses reports one dataset named by the pattern (the streams it matches change while the
 * job runs, the lineage graph is built once).
 *
 * <p>The 1.20 build's version ({@code src/main/flink-1.20/java}) is empty: Flink 1.20 builds no
 * lineage graph.
 */
@Internal
public interface FlinkLineSource extends LineageVertexProvider {

    /** The streams read, when the table lists them (empty for a pattern). */
    List<StreamId> lineageStreams();

    /** The pattern over stream names, or null when the streams are listed. */
    @Nullable
    String lineageStreamPattern();

    /** The region of the AWS client, or null when the SDK's default applies. */
    @Nullable
    String lineageRegion();

    /** The source's boundedness (Flink's {@code Source#getBoundedness}). */
    Boundedness getBoundedness();

    @Override
    default LineageVertex getLineageVertex() {
        DefaultSourceLineageVertex vertex = new DefaultSourceLineageVertex(getBoundedness());
        for (StreamId stream : lineageStreams()) {
            vertex.addDataset(
                    new DefaultLineageDataset(
                            stream.datasetName(),
                            stream.datasetNamespace(lineageRegion()),
                            Map.of()));
        }
        if (lineageStreamPattern() != null) {
            String region = lineageRegion();
            vertex.addDataset(
                    new DefaultLineageDataset(
                            lineageStreamPattern(),
                            "kinesis://" + (region == null ? "" : region),
                            Map.of()));
        }
        return vertex;
    }
}
