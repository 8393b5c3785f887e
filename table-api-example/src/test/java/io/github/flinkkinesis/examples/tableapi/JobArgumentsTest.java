package io.github.flinkkinesis.examples.tableapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The program's command line: defaults, catalog pass-through, errors that name the argument. */
class JobArgumentsTest {

    @Test
    void defaultsAndCatalogOptions() {
        JobArguments arguments =
                JobArguments.parse(
                        "--input-stream", "in",
                        "--output-stream", "out",
                        "--window", "10 s",
                        "--catalog.aws.credentials.provider", "PROFILE");

        assertThat(arguments.inputStream()).isEqualTo("in");
        assertThat(arguments.outputStream()).isEqualTo("out");
        assertThat(arguments.region()).isEqualTo("us-east-1");
        assertThat(arguments.glueEndpoint()).isEmpty();
        assertThat(arguments.window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(arguments.watermarkDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(arguments.start()).isEqualTo("LATEST");
        assertThat(arguments.bounded()).isFalse();
        assertThat(arguments.catalogOptions())
                .isEqualTo(Map.of("aws.credentials.provider", "PROFILE"));
    }

    @Test
    void mistakesAreErrorsThatNameTheArgument() {
        assertThatThrownBy(() -> JobArguments.parse("--input-stream", "in"))
                .hasMessageContaining("--output-stream");
        assertThatThrownBy(
                        () ->
                                JobArguments.parse(
                                        "--input-stream",
                                        "in",
                                        "--output-stream",
                                        "out",
                                        "--windows",
                                        "1 s"))
                .hasMessageContaining("--windows");
        assertThatThrownBy(
                        () ->
                                JobArguments.parse(
                                        "--input-stream",
                                        "in",
                                        "--output-stream",
                                        "out",
                                        "--window",
                                        "soon"))
                .hasMessageContaining("--window");
        assertThatThrownBy(() -> JobArguments.parse("--input-stream"))
                .hasMessageContaining("has no value");
    }

    @Test
    void intervalsAreSqlLiteralsToTheMillisecond() {
        assertThat(ExampleTables.interval(Duration.ofSeconds(2)))
                .isEqualTo("INTERVAL '0 00:00:02.000' DAY TO SECOND(3)");
        assertThat(ExampleTables.interval(Duration.ofDays(3).plusMinutes(5).plusMillis(7)))
                .isEqualTo("INTERVAL '3 00:05:00.007' DAY TO SECOND(3)");
    }
}
