package io.github.flinkkinesis.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL Gateway's REST session API, used once at start-up to initialise what every later session
 * shares: open a session ({@code POST /v2/sessions}), run statements in it with {@code POST
 * /v2/sessions/:handle/configure-session} (synchronous; it takes {@code ADD JAR}, {@code CREATE
 * CATALOG}, {@code SET} and other DDL, one statement per call), close it ({@code DELETE}).
 */
final class GatewaySessions {

    private static final Pattern HANDLE = Pattern.compile("\"sessionHandle\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CAUSE = Pattern.compile("Caused by: (.*?)\\\\n");
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final URI gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param gateway the REST endpoint, e.g. {@code http://127.0.0.1:8083}
     */
    GatewaySessions(URI gateway) {
        this.gateway = gateway;
    }

    /** Opens a session and returns its handle. */
    String open(String name) throws IOException, InterruptedException {
        String body = call("POST", "/v2/sessions", "{\"sessionName\":" + json(name) + "}");
        Matcher m = HANDLE.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("The SQL Gateway opened no session: " + body);
        }
        return m.group(1);
    }

    /**
     * Runs one statement in the session. The statement is not echoed in errors: a {@code CREATE
     * CATALOG} can carry credentials.
     */
    void configure(String session, String statement) throws IOException, InterruptedException {
        call(
                "POST",
                "/v2/sessions/" + session + "/configure-session",
                "{\"statement\":" + json(statement) + "}");
    }

    void close(String session) throws IOException, InterruptedException {
        call("DELETE", "/v2/sessions/" + session, null);
    }

    private String call(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(gateway.resolve(path))
                        .timeout(CALL_TIMEOUT)
                        .header("Content-Type", "application/json");
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "SQL Gateway "
                            + method
                            + " "
                            + path
                            + " answered HTTP "
                            + response.statusCode()
                            + ": "
                            + redact(causes(response.body())));
        }
        return response.body();
    }

    /** The causes in a Flink REST error (its server-side stack trace is in the gateway's log). */
    static String causes(String body) {
        StringBuilder text = new StringBuilder();
        Matcher m = CAUSE.matcher(body);
        while (m.find()) {
            text.append("\n  ").append(m.group(1));
        }
        return text.length() == 0 ? body : text.toString();
    }

    /**
     * Masks the values of options whose key names a secret, password or token, as Flink does in its
     * own logs: a failed {@code CREATE CATALOG} echoes its options in the error.
     */
    static String redact(String text) {
        return text.replaceAll(
                "(?i)([\\w.-]*(secret|password|token)[\\w.-]*'?\\s*[=:]\\s*'?)[^',}\\]\\s]+",
                "$1******");
    }

    /** A JSON string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
