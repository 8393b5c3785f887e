package io.github.flinkkinesis.kinesis.testutil;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A running job's metrics read through Flink's REST API over HTTP, with the requests the web UI
 * makes: the job's vertices ({@code /jobs/<id>}), the metric ids of a vertex ({@code
 * /jobs/<id>/vertices/<vid>/metrics}, each {@code <subtask>.<operator>.<scope>.<name>}), their
 * values ({@code ?get=id,...}), and a metric summed over the vertex's subtasks ({@code
 * /jobs/<id>/vertices/<vid>/subtasks/metrics?get=<operator>.<scope>.<name>&agg=sum}).
 *
 * <p>JSON is read with the Jackson that Flink's REST API itself uses (flink-shaded-jackson, the
 * same package on Flink 1.20 and 2.x). Lifecycle: one per test, no resources to close.
 */
public final class RestMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RestMetrics(URI base) {
        this.base = base;
    }

    /** The ids of the job's vertices, in the order the REST API lists them. */
    public List<String> vertexIds(String jobId) {
        List<String> ids = new ArrayList<>();
        get("/jobs/" + jobId).path("vertices").forEach(v -> ids.add(v.path("id").asText()));
        return ids;
    }

    /** Every metric id of a vertex, e.g. {@code 0.Source__t[1].numRecordsIn}, sorted. */
    public TreeSet<String> metricIds(String jobId, String vertexId) {
        TreeSet<String> ids = new TreeSet<>();
        get(vertexPath(jobId, vertexId) + "/metrics").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    /**
     * The values of the given metric ids of a vertex (ids the cluster does not know are absent).
     */
    public Map<String, String> values(String jobId, String vertexId, Collection<String> ids) {
        Map<String, String> values = new LinkedHashMap<>();
        get(vertexPath(jobId, vertexId) + "/metrics?get=" + encode(ids))
                .forEach(m -> values.put(m.path("id").asText(), m.path("value").asText()));
        return values;
    }

    /**
     * The sum over the vertex's subtasks of the operator metric {@code name} (an id without its
     * subtask index, e.g. {@code Source__t[1].numRecordsIn}), or -1 if no subtask reports it.
     */
    public double sumOverSubtasks(String jobId, String vertexId, String name) {
        JsonNode answer =
                get(
                        vertexPath(jobId, vertexId)
                                + "/subtasks/metrics?agg=sum&get="
                                + encode(List.of(name)));
        for (JsonNode metric : answer) {
            if (metric.path("id").asText().equals(name)) {
                return metric.path("sum").asDouble();
            }
        }
        return -1;
    }

    /**
     * The records the job's vertex whose name contains {@code namePart} sent downstream ({@code
     * write-records} of {@code /jobs/<id>}, summed over its subtasks); also served once the job
     * finished. Fails if no vertex or more than one matches.
     */
    public long recordsWritten(String jobId, String namePart) {
        List<JsonNode> matches = new ArrayList<>();
        get("/jobs/" + jobId)
                .path("vertices")
                .forEach(
                        v -> {
                            if (v.path("name").asText().contains(namePart)) {
                                matches.add(v);
                            }
                        });
        if (matches.size() != 1) {
            throw new IllegalStateException(
                    matches.size() + " vertices of job " + jobId + " are named like " + namePart);
        }
        return matches.get(0).path("metrics").path("write-records").asLong(-1);
    }

    private static String vertexPath(String jobId, String vertexId) {
        return "/jobs/" + jobId + "/vertices/" + vertexId;
    }

    private static String encode(Collection<String> ids) {
        return ids.stream()
                .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
    }

    private JsonNode get(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "GET "
                                + request.uri()
                                + " answered HTTP "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }
}
