package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.model.StreamId;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The source's Flink-line seam, Flink 1.20 build: declares what the 2.x build's version reports to
 * Flink's lineage graph, and reports nothing, because Flink 1.20 builds no lineage graph.
 */
@Internal
public interface FlinkLineSource {

    /** The streams read, when the table lists them (empty for a pattern). */
    List<StreamId> lineageStreams();

    /** The pattern over stream names, or null when the streams are listed. */
    @Nullable
    String lineageStreamPattern();

    /** The region of the AWS client, or null when the SDK's default applies. */
    @Nullable
    String lineageRegion();
}
