package io.github.flinkkinesis.jdbc;

import java.sql.SQLException;

/**
 * Puts the sentence that says what went wrong first. Flink's driver reports a statement the gateway
 * failed as {@code SqlExecutionException: Failed to get response for the operation <id>}, with the
 * server's stack trace as the text of a cause; a notebook shows the first line, which says nothing.
 * The line that matters is the first after the text's last {@code "Caused by:"} (the deepest cause,
 * which the SQL Client prints too): this class makes it the message of the {@link SQLException} the
 * notebook sees, with Flink's exception as its cause.
 */
final class GatewayFailures {

    private static final String SERVER_SIDE = "Exception on server side";

    private GatewayFailures() {}

    /**
     * {@code failure} with the server's deepest cause as its message, or {@code failure} itself
     * when it holds no answer of the gateway.
     */
    static Throwable readable(Throwable failure) {
        String answer = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message != null && message.contains(SERVER_SIDE)) {
                answer = message;
            }
        }
        if (answer == null) {
            return failure;
        }
        String[] parts = answer.split("Caused by:");
        String deepest = parts[parts.length - 1].split("\tat ")[0].trim();
        if (deepest.isEmpty() || parts.length == 1) {
            return failure;
        }
        // "class: message" -> "message (class)"
        int colon = deepest.indexOf(": ");
        String sentence =
                colon > 0 && !deepest.substring(0, colon).contains(" ")
                        ? deepest.substring(colon + 2).trim()
                                + " ("
                                + deepest.substring(0, colon)
                                + ")"
                        : deepest;
        return new SQLException(sentence, failure);
    }
}
