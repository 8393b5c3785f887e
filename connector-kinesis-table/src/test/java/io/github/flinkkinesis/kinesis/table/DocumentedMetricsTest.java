package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.sink.KinesisSinkMetrics;
import io.github.flinkkinesis.kinesis.source.KinesisSource;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.source.reader.PollingMetrics;
import io.github.flinkkinesis.kinesis.source.reader.PollingSplitReader;
import io.github.flinkkinesis.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every metric the connector registers appears, with its group path, in backticks in the Metrics
 * section of docs/kinesis.md, so that the names a user looks up in the web UI are the documented
 * ones. (KinesisMetricsRestITCase shows the same names on a running job's REST API.)
 */
class DocumentedMetricsTest {

    @Test
    void everyConnectorMetricIsDocumentedWithItsGroupPath() throws IOException {
        String group = KinesisSource.METRIC_GROUP + ".";
        List<String> metrics =
                List.of(
                        group
                                + PollingMetrics.SHARD_ID_GROUP
                                + ".<shard id>."
                                + PollingMetrics.MILLIS_BEHIND_LATEST,
                        group + PollingMetrics.CALLS_THROTTLED,
                        group + PollingSplitReader.SHARDS_NOT_FOUND_METRIC,
                        group + KplDeaggregator.MALFORMED_METRIC,
                        group + KplDeaggregator.OUT_OF_SHARD_METRIC,
                        KinesisSinkMetrics.RETRIED,
                        KinesisSinkMetrics.THROTTLED,
                        KinesisSinkMetrics.LATENCY,
                        KinesisSinkMetrics.AGGREGATES_SENT,
                        KinesisSinkMetrics.USER_RECORDS_PER_AGGREGATE,
                        KinesisSinkMetrics.AGGREGATES_WRONG_SHARD);

        String section = metricsSection();

        assertThat(metrics.stream().filter(name -> !section.contains("`" + name + "`")))
                .as("metrics missing from the Metrics section of docs/kinesis.md (in backticks)")
                .isEmpty();
    }

    /** The text from the heading {@code ## Metrics} to the next level-2 heading or the end. */
    private static String metricsSection() throws IOException {
        String docs =
                Files.readString(
                        ProjectPaths.projectRoot().resolve("docs/kinesis.md"),
                        StandardCharsets.UTF_8);
        int start = docs.indexOf("\n## Metrics\n");
        assertThat(start).as("a '## Metrics' section in docs/kinesis.md").isNotNegative();
        int end = docs.indexOf("\n## ", start + 1);
        return docs.substring(start, end < 0 ? docs.length() : end);
    }
}
