package io.github.flinkkinesis.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Flink cluster's REST API (the same endpoints on Flink 1.20 and 2.x): TaskManagers, a job's
 * state, tasks, checkpoints, failures and {@code numRestarts} metric, stop-with-savepoint and
 * cancel. Answers are JSON trees; an HTTP status other than 2xx is an exception with the answer.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final HttpClient http;

    FlinkRest(URI uri) {
        this.uri = uri;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** E.g. {@code http://127.0.0.1:40123}. */
    public URI uri() {
        return uri;
    }

    /** GET {@code path}. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri.resolve(path)).GET());
    }

    /** POST the JSON {@code body} to {@code path}. */
    public JsonNode post(String path, String body) {
        return send(
                HttpRequest.newBuilder(uri.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        r.method()
                                + " "
                                + r.uri()
                                + " answered HTTP "
                                + response.statusCode()
                                + ": "
                                + (body.length() <= 2000 ? body : body.substring(0, 2000) + "..."));
            }
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(r.method() + " " + r.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + r.uri(), e);
        }
    }

    /** The cluster's Flink version ({@code /config}), e.g. {@code 2.3.0}. */
    public String flinkVersion() {
        return get("/config").path("flink-version").asText();
    }

    /** The ids of the TaskManagers registered with the JobManager ({@code /taskmanagers}). */
    public List<String> taskManagers() {
        List<String> ids = new ArrayList<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** The job's status, e.g. {@code RUNNING}, {@code RESTARTING}, {@code FINISHED}. */
    public String jobState(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Whether the job is RUNNING and so is every task of it (not only scheduled). */
    public boolean allTasksRunning(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the job and all its tasks run. */
    public void awaitAllTasksRunning(String jobId, Duration timeout) throws InterruptedException {
        Await.until(
                "all tasks of job " + jobId + " running", timeout, () -> allTasksRunning(jobId));
    }

    /** Waits until the job reached {@code state} (e.g. {@code FINISHED}, {@code CANCELED}). */
    public void awaitJobState(String jobId, String state, Duration timeout)
            throws InterruptedException {
        Await.until(
                "job " + jobId + " to be " + state, timeout, () -> state.equals(jobState(jobId)));
    }

    /** The TaskManagers running tasks of the job ({@code /jobs/<id>/vertices/<v>/taskmanagers}). */
    public Set<String> taskManagersOf(String jobId) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
            for (JsonNode tm : get(path + "/taskmanagers").path("taskmanagers")) {
                if ("RUNNING".equals(tm.path("status").asText())) {
                    ids.add(tm.path("taskmanager-id").asText());
                }
            }
        }
        return ids;
    }

    /** {@code /jobs/<id>/checkpoints}: counts, the latest completed and restored checkpoints. */
    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** {@code /jobs/<id>/checkpoints/details/<checkpoint>}: e.g. its trigger time. */
    public JsonNode checkpoint(String jobId, long checkpointId) {
        return get("/jobs/" + jobId + "/checkpoints/details/" + checkpointId);
    }

    /** {@code /jobs/<id>/exceptions}: the job's failure history. */
    public JsonNode exceptions(String jobId) {
        return get("/jobs/" + jobId + "/exceptions");
    }

    /** The job's {@code numRestarts} metric (-1 while REST has not fetched it yet). */
    public long numRestarts(String jobId) {
        for (JsonNode metric : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            if ("numRestarts".equals(metric.path("id").asText())) {
                return Long.parseLong(metric.path("value").asText());
            }
        }
        return -1;
    }

    /**
     * Stops the job with a savepoint in {@code targetDirectory} ({@code POST /jobs/<id>/stop}, not
     * drained), waits until the job has finished, and returns the savepoint's path.
     */
    public String stopWithSavepoint(String jobId, URI targetDirectory, Duration timeout)
            throws InterruptedException {
        String body = "{\"targetDirectory\": \"" + targetDirectory + "\", \"drain\": false}";
        String trigger = post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        JsonNode done =
                Await.value(
                        "the savepoint of job " + jobId,
                        timeout,
                        () -> {
                            JsonNode s = get("/jobs/" + jobId + "/savepoints/" + trigger);
                            return "COMPLETED".equals(s.path("status").path("id").asText())
                                    ? Optional.of(s.path("operation"))
                                    : Optional.empty();
                        });
        if (!done.has("location")) {
            String cause =
                    done.path("failure-cause")
                            .path("stack-trace")
                            .asText(done.toString())
                            .lines()
                            .findFirst()
                            .orElse("");
            throw new IllegalStateException(
                    "stop-with-savepoint of job " + jobId + " failed: " + cause);
        }
        awaitJobState(jobId, "FINISHED", timeout);
        return done.path("location").asText();
    }

    /** Cancels the job and waits until it is CANCELED. */
    public void cancel(String jobId) throws InterruptedException {
        send(
                HttpRequest.newBuilder(uri.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
        awaitJobState(jobId, "CANCELED", Duration.ofSeconds(60));
    }
}
