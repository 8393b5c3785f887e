package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The project's SQL scripts split into the statements the gateway's session API takes. */
class SqlStatementsTest {

    @Test
    void dropsCommentLinesAndSplitsAtSemicolonsThatEndALine() {
        String script =
                "-- header\nCREATE CATALOG c WITH (\n    'a' = 'b',\n    -- inside\n"
                        + "    'c' = 'd'\n);\n\nUSE CATALOG c;\nSHOW TABLES";
        assertThat(SqlStatements.split(script))
                .containsExactly(
                        "CREATE CATALOG c WITH (\n    'a' = 'b',\n    'c' = 'd'\n)",
                        "USE CATALOG c",
                        "SHOW TABLES");
    }
}
