package io.github.flinkkinesis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Starts each real local server, talks to it over HTTP, and checks that stopping really ends it.
 */
class LocalServerITCase {

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void startsAnswersAndStops(ServerKind kind) throws Exception {
        LocalServer server = LocalServer.start(kind);
        ProcessHandle handle;
        try {
            handle = ProcessHandle.of(server.pid()).orElseThrow();
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            HttpResponse<String> response = post(server.endpoint(), kind);
            // an unsigned request must reach the server and be answered by it (an auth error or a
            // listing), which proves the endpoint is the server and not something else on the port
            assertThat(response.statusCode()).isBetween(200, 499);
            assertThat(response.body()).isNotBlank();
        } finally {
            server.close();
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(handle.isAlive()).isFalse();
    }

    private static HttpResponse<String> post(URI endpoint, ServerKind kind) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10));
        if (kind == ServerKind.MOTO) {
            request.header("X-Amz-Target", "AWSGlue.GetDatabases")
                    .header("Content-Type", "application/x-amz-json-1.1");
        } else {
            request.header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                    .header("Content-Type", "application/x-amz-json-1.1");
        }
        return HttpClient.newHttpClient()
                .send(
                        request.POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
