package io.github.flinkkinesis.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the project's SQL scripts into statements for APIs that take one at a time. Handles what
 * the scripts use: {@code --} comments on lines of their own and statements ending with {@code ;}
 * at the end of a line; it is not a SQL parser.
 */
final class SqlStatements {

    private SqlStatements() {}

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(line, 0, line.lastIndexOf(';'));
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
