package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's demo end to end: real kinesalite and moto servers, the real Flink SQL Client in
 * its own JVM for each script, and the connector's and catalog's shaded SQL jars loaded with {@code
 * -j} (they are not on the client's class path otherwise), as a user would.
 */
class DemoITCase {

    @Test
    void tablesFromGlueWriteAndReadEveryEventWithItsMetadata() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<SqlClientRun.Result> results =
                Demo.run(Demo.sqlJars(), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertThat(results).as("scripts run, output:\n%s", printed).hasSize(Demo.SCRIPTS.size());
        for (SqlClientRun.Result result : results) {
            assertThat(result.failed()).as("SQL Client output:\n%s", result.output()).isFalse();
        }
        // session 1 created the table in Glue
        assertThat(results.get(0).output()).containsPattern("\\|\\s+events \\|");
        // session 3 found it there (no DDL of its own) and read what session 2 wrote
        String read = results.get(2).output();
        // the SQL Client's summary line, or the Table API's (see TableApiScripts)
        int events = DemoStreams.EVENTS.size();
        assertThat(read)
                .containsPattern(
                        "Received a total of " + events + " rows|\\n" + events + " rows in set");
        for (DemoStreams.Event event : DemoStreams.EVENTS) {
            assertThat(read)
                    .as("row of event %s in:\n%s", event.id(), read)
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
                                    + " \\|\\s+\\d{20,} \\|\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:"
                                    // not a KPL aggregate: no sub-sequence number
                                    + "[^|]*\\|\\s+<NULL> \\|");
        }
    }
}
