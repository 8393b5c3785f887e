package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The jobs of a gateway's session cluster, as {@code SHOW JOBS} and the cluster's REST API see
 * them.
 */
final class GatewayJobs {

    static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayJobs() {}

    /** Job id to status, as {@code SHOW JOBS} reports them through the gateway. */
    static Map<String, String> states(Statement statement) throws SQLException {
        Map<String, String> states = new HashMap<>();
        assertThat(statement.execute("SHOW JOBS")).isTrue();
        try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
                states.put(rows.getString("job id"), rows.getString("status"));
            }
        }
        return states;
    }

    /** Waits until {@code SHOW JOBS} reports the job ended, and returns how. */
    static String awaitTerminal(Statement statement, String jobId, SqlGatewayRun gateway)
            throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            state = states(statement).get(jobId);
            if (List.of("CANCELED", "FINISHED", "FAILED").contains(state)) {
                return state;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "job "
                        + jobId
                        + " still "
                        + state
                        + " after its result closed\n"
                        + gateway.logTails());
    }

    /** The job's state as the session cluster's REST API reports it. */
    static String clusterState(SqlGatewayRun gateway, String jobId) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        gateway.clusterRest() + "/jobs/" + jobId))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("state").asText();
    }
}
