package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's demo end to end: a real kinesalite and moto, the real Flink SQL Client in its
 * own JVM, and the connector's and the catalog's shaded SQL jars loaded with {@code -j}, as a user
 * would. The reading session finds the table only through the Glue catalog.
 */
class DemoITCase {

    @Test
    void demoReadsEveryEventWithItsMetadataThroughTheSqlClient() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<SqlClientRun.Result> results =
                Demo.run(
                        Demo.connectorSqlJar(),
                        new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertThat(results).hasSize(Demo.SCRIPTS.size());
        for (SqlClientRun.Result result : results) {
            assertThat(result.failed()).as("SQL Client output:\n%s", result.output()).isFalse();
        }
        assertThat(results.get(0).output()).contains("demo_events");
        String output = results.get(Demo.SCRIPTS.indexOf("01-read-with-metadata.sql")).output();
        assertThat(output).contains("Received a total of " + DemoStreams.EVENTS.size() + " rows");
        for (DemoStreams.Event event : DemoStreams.EVENTS) {
            // each row carries the event, its partition key and the shard it was read from
            assertThat(output)
                    .as("row of event %s in:\n%s", event.id(), printed)
                    .containsPattern(
                            "\\|\\s+"
                                    + event.id()
                                    + " \\|\\s+"
                                    + event.user()
                                    + " \\|\\s+"
                                    + event.action()
                                    + " \\|\\s+"
                                    + event.amount()
                                    + " \\|\\s+shardId-00000000000[01] \\|\\s+"
                                    + event.user()
                                    + " \\|\\s+\\d{20,} \\|");
        }
    }
}
