package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.flinkkinesis.kinesis.table.FlinkLineCheck.Build;
import io.github.flinkkinesis.kinesis.table.FlinkLineCheck.Line;
import org.junit.jupiter.api.Test;

/**
 * The wrong-jar check: its logic with injected versions (a jar of each line on each Flink), and the
 * record this build wrote into the jar.
 */
class FlinkLineCheckTest {

    private static final String ARTIFACT = "flink-connector-kinesis-table-1.2.3";
    private static final Build JAR_1_20 = new Build("1.20", "1.20.3", ARTIFACT, "sql-flink-1.20");
    private static final Build JAR_2 = new Build("2", "2.3.0", ARTIFACT, "sql");

    @Test
    void eachJarRunsOnItsOwnLine() {
        assertThat(FlinkLineCheck.problem(JAR_1_20, "1.20")).isEmpty();
        for (String flink : new String[] {"2.0", "2.1", "2.2", "2.3"}) {
            assertThat(FlinkLineCheck.problem(JAR_2, flink)).as("Flink %s", flink).isEmpty();
        }
    }

    @Test
    void theOneTwentyJarOnFlinkTwoNamesBothVersionsAndTheJarToUse() {
        assertThat(FlinkLineCheck.problem(JAR_1_20, "2.3"))
                .hasValueSatisfying(
                        message ->
                                assertThat(message)
                                        .contains(
                                                "(flink-connector-kinesis-table-1.2.3-sql-flink-1.20.jar)"
                                                        + " is built for Flink 1.20 (compiled"
                                                        + " against Flink 1.20.3), but this is"
                                                        + " Flink 2.3.")
                                        .contains(
                                                "Use flink-connector-kinesis-table-1.2.3-sql.jar,"
                                                        + " the jar for Flink 2.0 to 2.3,"
                                                        + " instead"));
    }

    @Test
    void theTwoJarOnFlinkOneTwentyNamesBothVersionsAndTheJarToUse() {
        assertThat(FlinkLineCheck.problem(JAR_2, "1.20"))
                .hasValueSatisfying(
                        message ->
                                assertThat(message)
                                        .contains(
                                                "(flink-connector-kinesis-table-1.2.3-sql.jar) is"
                                                        + " built for Flink 2.0 to 2.3 (compiled"
                                                        + " against Flink 2.3.0), but this is"
                                                        + " Flink 1.20.")
                                        .contains(
                                                "Use flink-connector-kinesis-table-1.2.3-sql-flink-1.20.jar,"
                                                        + " the jar for Flink 1.20, instead"));
    }

    @Test
    void aFlinkNoJarSupportsListsTheJarsThereAre() {
        assertThat(FlinkLineCheck.problem(JAR_1_20, "1.19"))
                .hasValueSatisfying(
                        message ->
                                assertThat(message)
                                        .contains("but this is Flink 1.19.")
                                        .contains("No jar of this connector supports")
                                        .contains(
                                                "Flink 1.20: flink-connector-kinesis-table-1.2.3-sql-flink-1.20.jar;"
                                                        + " Flink 2.0 to 2.3:"
                                                        + " flink-connector-kinesis-table-1.2.3-sql.jar"));
        assertThat(FlinkLineCheck.problem(JAR_2, "3.0")).isPresent();
    }

    @Test
    void anUnknownLineInTheJarIsAProblem() {
        assertThat(FlinkLineCheck.problem(new Build("1.19", "1.19.3", ARTIFACT, "sql"), "1.19"))
                .hasValueSatisfying(
                        message -> assertThat(message).contains("unknown Flink line '1.19'"));
    }

    @Test
    void theRunningFlinkIsReadAsMajorDotMinor() {
        assertThat(FlinkLineCheck.runningFlink()).matches("\\d+\\.\\d+");
        assertThat(Line.runningOn("1.20.3")).contains(Line.FLINK_1_20);
        assertThat(Line.runningOn("2.0.0")).contains(Line.FLINK_2);
        assertThat(Line.runningOn("1.2")).isEmpty();
    }

    @Test
    void thisBuildRecordedItsLineAndTheClassifierOfItsSqlJar() {
        Build build = FlinkLineCheck.thisJar().orElseThrow();
        Line line = Line.byId(build.line()).orElseThrow();
        // the pom's classifier (connector.sql.classifier) and the one the message names agree
        assertThat(build.sqlClassifier()).isEqualTo(line.sqlClassifier);
        assertThat(build.artifact()).startsWith("flink-connector-kinesis-table-");
        assertThat(build.flinkVersion()).startsWith(FlinkLineCheck.runningFlink() + ".");
    }

    @Test
    void thisBuildRunsOnTheFlinkItWasBuiltFor() {
        assertThatCode(FlinkLineCheck::checkRunningFlink).doesNotThrowAnyException();
    }
}
