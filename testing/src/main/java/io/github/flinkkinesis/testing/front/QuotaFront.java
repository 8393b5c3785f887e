package io.github.flinkkinesis.testing.front;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * An AWS-quota front: an HTTP proxy on a free 127.0.0.1 port in front of a local Kinesis server
 * (kinesalite or kinesis-local) that enforces Kinesis' per-shard limits, which those servers do
 * not, injects seeded faults, and counts what it did. Clients point their endpoint override at
 * {@link #endpoint()} and speak Kinesis' JSON protocol (CBOR off, as for kinesalite).
 *
 * <ul>
 *   <li><b>PutRecords</b>: each entry is routed to its shard ({@link ShardMap}, from the server's
 *       ListShards, listed again when a key falls outside it) and charged to that shard's write
 *       quota ({@link ShardQuota}); entries over quota are answered {@code
 *       ProvisionedThroughputExceededException} in place, as AWS does, the others are forwarded as
 *       one PutRecords and the server's results merged back in the original order. <b>PutRecord</b>
 *       over quota is answered HTTP 400 {@code ProvisionedThroughputExceededException}.
 *   <li><b>GetRecords</b>: the front learns each iterator's shard from the GetShardIterator and
 *       GetRecords answers it forwards, charges the call and then the bytes read to that shard, and
 *       answers a call over the read quota HTTP 400 {@code ProvisionedThroughputExceededException}.
 *   <li><b>Faults</b> (data calls only: PutRecord(s), GetRecords, GetShardIterator), from one
 *       seeded sequence ({@link FaultInjector}): a slow response, HTTP 500 {@code InternalFailure}
 *       before forwarding, {@code InternalFailure} entries in PutRecords, and the connection closed
 *       after the server handled the call (its answer lost).
 *   <li>Every other call is forwarded as it is. {@code GET /front/counts} answers the counts as
 *       JSON.
 * </ul>
 *
 * <p>Lifecycle: {@link #start} binds the port and returns once it accepts calls; {@link #close}
 * stops it. One front serves any number of streams of its server. Counts ({@link #counts()}) run
 * from the start. Loopback only; HTTP/1.1 only (no SubscribeToShard).
 */
public final class QuotaFront implements AutoCloseable {

    /** The path of the counts, answered to GET. */
    public static final String COUNTS_PATH = "/front/counts";

    private static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final Set<String> DATA_OPERATIONS =
            Set.of("PutRecords", "PutRecord", "GetRecords", "GetShardIterator");
    private static final Set<String> HOP_HEADERS =
            Set.of(
                    "connection",
                    "content-length",
                    "expect",
                    "host",
                    "upgrade",
                    "transfer-encoding",
                    "keep-alive",
                    "date");
    private static final String THROTTLED = "ProvisionedThroughputExceededException";
    private static final String ACCOUNT = "000000000000";
    private static final int MAX_ITERATORS = 50_000;

    private final URI backend;
    private final QuotaFrontConfig config;
    private final LongSupplier nanoClock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final FaultInjector faults;

    private final Map<String, ShardMap> shardMaps = new ConcurrentHashMap<>();
    private final Map<String, Long> shardMapsListedAt = new ConcurrentHashMap<>();
    private final Map<String, ShardQuota> quotas = new ConcurrentHashMap<>();
    private final Map<String, String[]> iterators =
            Collections.synchronizedMap(
                    new LinkedHashMap<>(1024, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
                            return size() > MAX_ITERATORS;
                        }
                    });
    private final AtomicLong unroutedRecords = new AtomicLong();
    private final AtomicLong unmappedGetRecords = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    private QuotaFront(
            URI backend, QuotaFrontConfig config, LongSupplier nanoClock, HttpServer server) {
        this.backend = backend;
        this.config = config;
        this.nanoClock = nanoClock;
        this.server = server;
        this.faults = new FaultInjector(config);
        AtomicInteger threads = new AtomicInteger();
        this.executor =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "quota-front-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /**
     * Starts a front on a free 127.0.0.1 port in front of the Kinesis server at {@code backend}.
     */
    public static QuotaFront start(URI backend, QuotaFrontConfig config) {
        return start(backend, config, 0, System::nanoTime);
    }

    /**
     * Starts a front on {@code port} (0 for a free one) with the given clock (nanoseconds, as
     * {@link System#nanoTime()}), so that tests can drive time.
     */
    public static QuotaFront start(
            URI backend, QuotaFrontConfig config, int port, LongSupplier nanoClock) {
        HttpServer server;
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The quota front could not listen on 127.0.0.1:" + port + ": " + e.getMessage(),
                    e);
        }
        QuotaFront front = new QuotaFront(backend, config, nanoClock, server);
        server.start();
        return front;
    }

    /** The endpoint override for SDK clients and tables, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The server the front forwards to. */
    public URI backend() {
        return backend;
    }

    public QuotaFrontConfig config() {
        return config;
    }

    /** What the front did so far. */
    public FrontCounts counts() {
        List<ShardCounts> shards = new ArrayList<>();
        quotas.values().forEach(q -> shards.add(q.counts()));
        shards.sort(
                (a, b) ->
                        a.stream().equals(b.stream())
                                ? a.shardId().compareTo(b.shardId())
                                : a.stream().compareTo(b.stream()));
        return new FrontCounts(
                List.copyOf(shards),
                faults.counts(),
                unroutedRecords.get(),
                unmappedGetRecords.get(),
                errors.get(),
                lastError.get());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "quota front " + endpoint() + " -> " + backend + " (" + config + ")";
    }

    // ------------------------------------------------------------------ HTTP

    /** What goes back to the client. */
    private record Answer(int status, Map<String, List<String>> headers, byte[] body, long stored) {

        static Answer json(int status, byte[] body, long stored) {
            return new Answer(
                    status,
                    Map.of("Content-Type", List.of(KinesisJson.CONTENT_TYPE)),
                    body,
                    stored);
        }

        static Answer error(int status, String code, String message) {
            return json(status, KinesisJson.error(code, message), 0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equalsIgnoreCase(exchange.getRequestMethod())) {
                boolean counts = COUNTS_PATH.equals(exchange.getRequestURI().getPath());
                send(
                        exchange,
                        counts
                                ? new Answer(
                                        200,
                                        Map.of("Content-Type", List.of("application/json")),
                                        counts().toJson().getBytes(StandardCharsets.UTF_8),
                                        0)
                                : Answer.error(404, "NotFound", "GET " + COUNTS_PATH + " only"));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation =
                    target != null && target.startsWith(TARGET_PREFIX)
                            ? target.substring(TARGET_PREFIX.length())
                            : "";
            String contentType =
                    String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (contentType.toLowerCase(Locale.ROOT).contains("cbor")) {
                send(
                        exchange,
                        Answer.error(
                                400,
                                "SerializationException",
                                "The quota front reads Kinesis' JSON protocol only: build the"
                                        + " client with CBOR off (JVM property"
                                        + " -Daws.cborEnabled=false)"));
                return;
            }
            boolean data = DATA_OPERATIONS.contains(operation);
            JsonNode getRecords = null;
            if (operation.equals("GetRecords")) {
                // every call the client makes counts towards its pace, even one failed below
                getRecords = KinesisJson.parse(body);
                String[] shard = iterators.get(KinesisJson.text(getRecords, "ShardIterator"));
                if (shard != null) {
                    quota(shard[0], shard[1]).noteGetRecordsCall(nanoClock.getAsLong());
                }
            }
            if (data) {
                long delay = faults.slowResponseMillis();
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                if (faults.internalFailure()) {
                    send(
                            exchange,
                            Answer.error(500, "InternalFailure", "Injected by the quota front."));
                    return;
                }
            }
            Answer answer;
            try {
                answer =
                        getRecords != null
                                ? getRecords(exchange, body, getRecords)
                                : dispatch(operation, exchange, body);
            } catch (RuntimeException | IOException e) {
                errors.incrementAndGet();
                String reason = operation + ": " + e;
                lastError.set(reason);
                answer = Answer.error(500, "InternalFailure", "Quota front failed: " + reason);
            }
            if (data && faults.connectionReset()) {
                faults.resetDone(answer.stored());
                // closing the exchange before any answer closes the connection: the client sees
                // the connection end without a response, after the server did the work
                return;
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer dispatch(String operation, HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        switch (operation) {
            case "PutRecords":
                return putRecords(exchange, body);
            case "PutRecord":
                return putRecord(exchange, body);
            case "GetShardIterator":
                return getShardIterator(exchange, body);
            default:
                return forward(exchange, body);
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, v));
        exchange.sendResponseHeaders(
                answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private Answer forward(HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().getRawPath()))
                        .timeout(Duration.ofSeconds(60))
                        .method(
                                exchange.getRequestMethod(),
                                HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> {
                            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                                values.forEach(v -> request.header(name, v));
                            }
                        });
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response =
                client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers()
                .map()
                .forEach(
                        (name, values) -> {
                            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                                    && !name.startsWith(":")) {
                                headers.put(name, values);
                            }
                        });
        return new Answer(response.statusCode(), headers, response.body(), 0);
    }

    // ------------------------------------------------------------------ writes

    private Answer putRecord(HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        JsonNode request = KinesisJson.parse(body);
        String stream = KinesisJson.streamName(request);
        String key = KinesisJson.text(request, "PartitionKey");
        String shard = shardOf(exchange, stream, key, KinesisJson.text(request, "ExplicitHashKey"));
        if (shard == null) {
            unroutedRecords.incrementAndGet();
        } else {
            long bytes = recordBytes(request, key);
            if (!quota(stream, shard).admitRecord(bytes, nanoClock.getAsLong())) {
                return Answer.error(400, THROTTLED, writeThrottledMessage(stream, shard));
            }
        }
        Answer answer = forward(exchange, body);
        return answer.status() == 200
                ? new Answer(answer.status(), answer.headers(), answer.body(), 1)
                : answer;
    }

    private Answer putRecords(HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        JsonNode request = KinesisJson.parse(body);
        String stream = KinesisJson.streamName(request);
        List<JsonNode> entries = request.field("Records").map(JsonNode::asArray).orElse(List.of());
        int n = entries.size();
        String[] errorCode = new String[n];
        String[] errorMessage = new String[n];
        String[] shards = new String[n];
        long[] bytes = new long[n];
        List<Integer> forwarded = new ArrayList<>(n);
        long now = nanoClock.getAsLong();
        for (int i = 0; i < n; i++) {
            JsonNode entry = entries.get(i);
            if (faults.entryFailure()) {
                errorCode[i] = "InternalFailure";
                errorMessage[i] = "Internal service failure.";
                continue;
            }
            String key = KinesisJson.text(entry, "PartitionKey");
            String shard =
                    shardOf(exchange, stream, key, KinesisJson.text(entry, "ExplicitHashKey"));
            if (shard == null) {
                unroutedRecords.incrementAndGet();
            } else {
                bytes[i] = recordBytes(entry, key);
                if (!quota(stream, shard).admitRecord(bytes[i], now)) {
                    errorCode[i] = THROTTLED;
                    errorMessage[i] = writeThrottledMessage(stream, shard);
                    continue;
                }
                shards[i] = shard;
            }
            forwarded.add(i);
        }
        if (forwarded.size() == n) {
            // nothing failed here: the call goes on unchanged
            Answer answer = forward(exchange, body);
            if (answer.status() != 200) {
                refund(stream, shards, bytes, forwarded);
                return answer;
            }
            JsonNode response = KinesisJson.parse(answer.body());
            long failed =
                    response.field("FailedRecordCount")
                            .map(f -> Long.parseLong(f.asNumber()))
                            .orElse(0L);
            return new Answer(answer.status(), answer.headers(), answer.body(), n - failed);
        }
        List<JsonNode> results = new ArrayList<>(Collections.nCopies(n, (JsonNode) null));
        Map<String, JsonNode> extraFields = new LinkedHashMap<>();
        long stored = 0;
        Map<String, List<String>> headers =
                Map.of("Content-Type", List.of(KinesisJson.CONTENT_TYPE));
        if (!forwarded.isEmpty()) {
            JsonWriter w = JsonWriter.create();
            w.writeStartObject();
            for (Map.Entry<String, JsonNode> field : request.asObject().entrySet()) {
                if (!field.getKey().equals("Records")) {
                    w.writeFieldName(field.getKey());
                    KinesisJson.write(w, field.getValue());
                }
            }
            w.writeFieldName("Records").writeStartArray();
            for (int i : forwarded) {
                KinesisJson.write(w, entries.get(i));
            }
            w.writeEndArray().writeEndObject();
            Answer answer = forward(exchange, w.getBytes());
            if (answer.status() != 200) {
                refund(stream, shards, bytes, forwarded);
                return answer;
            }
            headers = answer.headers();
            JsonNode response = KinesisJson.parse(answer.body());
            List<JsonNode> backendResults =
                    response.field("Records").map(JsonNode::asArray).orElse(List.of());
            if (backendResults.size() != forwarded.size()) {
                throw new IllegalStateException(
                        "the server answered "
                                + backendResults.size()
                                + " results to "
                                + forwarded.size()
                                + " records");
            }
            for (int j = 0; j < forwarded.size(); j++) {
                int i = forwarded.get(j);
                JsonNode result = backendResults.get(j);
                results.set(i, result);
                if (KinesisJson.text(result, "ErrorCode") == null) {
                    stored++;
                } else if (shards[i] != null) {
                    quota(stream, shards[i]).refundRecord(bytes[i]);
                }
            }
            response.asObject()
                    .forEach(
                            (k, v) -> {
                                if (!k.equals("Records") && !k.equals("FailedRecordCount")) {
                                    extraFields.put(k, v);
                                }
                            });
        }
        JsonWriter w = JsonWriter.create();
        w.writeStartObject();
        w.writeFieldName("FailedRecordCount").writeValue(n - stored);
        w.writeFieldName("Records").writeStartArray();
        for (int i = 0; i < n; i++) {
            if (results.get(i) != null) {
                KinesisJson.write(w, results.get(i));
            } else {
                w.writeStartObject();
                w.writeFieldName("ErrorCode").writeValue(errorCode[i]);
                w.writeFieldName("ErrorMessage").writeValue(errorMessage[i]);
                w.writeEndObject();
            }
        }
        w.writeEndArray();
        for (Map.Entry<String, JsonNode> e : extraFields.entrySet()) {
            w.writeFieldName(e.getKey());
            KinesisJson.write(w, e.getValue());
        }
        w.writeEndObject();
        Map<String, List<String>> answerHeaders = new LinkedHashMap<>(headers);
        answerHeaders.put("Content-Type", List.of(KinesisJson.CONTENT_TYPE));
        return new Answer(200, answerHeaders, w.getBytes(), stored);
    }

    private void refund(String stream, String[] shards, long[] bytes, List<Integer> forwarded) {
        for (int i : forwarded) {
            if (shards[i] != null) {
                quota(stream, shards[i]).refundRecord(bytes[i]);
            }
        }
    }

    /** Data plus partition key, as AWS charges a record to the shard's byte quota. */
    private static long recordBytes(JsonNode entry, String partitionKey) {
        return KinesisJson.base64DecodedLength(KinesisJson.text(entry, "Data"))
                + (partitionKey == null ? 0 : KinesisJson.utf8(partitionKey).length);
    }

    private static String writeThrottledMessage(String stream, String shard) {
        return "Rate exceeded for shard "
                + shard
                + " in stream "
                + stream
                + " under account "
                + ACCOUNT
                + ".";
    }

    // ------------------------------------------------------------------ reads

    private Answer getShardIterator(HttpExchange exchange, byte[] body)
            throws IOException, InterruptedException {
        JsonNode request = KinesisJson.parse(body);
        Answer answer = forward(exchange, body);
        if (answer.status() == 200) {
            String iterator = KinesisJson.text(KinesisJson.parse(answer.body()), "ShardIterator");
            String stream = KinesisJson.streamName(request);
            String shard = KinesisJson.text(request, "ShardId");
            if (iterator != null && stream != null && shard != null) {
                iterators.put(iterator, new String[] {stream, shard});
            }
        }
        return answer;
    }

    private Answer getRecords(HttpExchange exchange, byte[] body, JsonNode request)
            throws IOException, InterruptedException {
        String[] streamAndShard = iterators.get(KinesisJson.text(request, "ShardIterator"));
        if (streamAndShard == null) {
            unmappedGetRecords.incrementAndGet();
            return forward(exchange, body);
        }
        ShardQuota quota = quota(streamAndShard[0], streamAndShard[1]);
        long callTime = nanoClock.getAsLong();
        ShardQuota.ReadDecision decision = quota.admitGetRecords(callTime);
        if (!decision.allowed()) {
            return Answer.error(
                    400,
                    THROTTLED,
                    "Rate exceeded for Shard - "
                            + streamAndShard[1]
                            + " in stream "
                            + streamAndShard[0]
                            + " under account "
                            + ACCOUNT
                            + (decision == ShardQuota.ReadDecision.THROTTLED_BYTES
                                    ? " (bytes read per second)."
                                    : " (GetRecords calls per second)."));
        }
        Answer answer = forward(exchange, body);
        if (answer.status() == 200) {
            JsonNode response = KinesisJson.parse(answer.body());
            List<JsonNode> records =
                    response.field("Records").map(JsonNode::asArray).orElse(List.of());
            long bytes = 0;
            for (JsonNode r : records) {
                bytes += KinesisJson.base64DecodedLength(KinesisJson.text(r, "Data"));
            }
            quota.chargeRead(records.size(), bytes, callTime);
            String next = KinesisJson.text(response, "NextShardIterator");
            if (next != null) {
                iterators.put(next, streamAndShard);
            }
        }
        return answer;
    }

    // ------------------------------------------------------------------ shards

    private ShardQuota quota(String stream, String shard) {
        return quotas.computeIfAbsent(
                stream + "/" + shard,
                k -> new ShardQuota(stream, shard, config, nanoClock.getAsLong()));
    }

    /**
     * The open shard a record goes to, listing the stream's shards on first use and again (at most
     * once a second) when the key falls outside the known ones; null when there is none.
     */
    private String shardOf(HttpExchange exchange, String stream, String key, String explicitHashKey)
            throws IOException, InterruptedException {
        if (stream == null || (key == null && explicitHashKey == null)) {
            return null;
        }
        BigInteger hash = ShardMap.hashKey(key, explicitHashKey);
        ShardMap map = shardMaps.get(stream);
        String shard = map == null ? null : map.shardOf(hash);
        if (shard != null) {
            return shard;
        }
        synchronized (shardMaps) {
            map = shardMaps.get(stream);
            shard = map == null ? null : map.shardOf(hash);
            Long listedAt = shardMapsListedAt.get(stream);
            long now = System.nanoTime();
            if (shard == null && (listedAt == null || now - listedAt > 1_000_000_000L)) {
                map = listShards(exchange, stream);
                shardMaps.put(stream, map);
                shardMapsListedAt.put(stream, now);
                shard = map.shardOf(hash);
            }
        }
        return shard;
    }

    /** The open shards of {@code stream}, from the server, signed with the client's headers. */
    private ShardMap listShards(HttpExchange exchange, String stream)
            throws IOException, InterruptedException {
        List<ShardMap.Range> open = new ArrayList<>();
        String token = null;
        do {
            JsonWriter w = JsonWriter.create();
            w.writeStartObject();
            if (token == null) {
                w.writeFieldName("StreamName").writeValue(stream);
            } else {
                w.writeFieldName("NextToken").writeValue(token);
            }
            w.writeEndObject();
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(backend.resolve("/"))
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(w.getBytes()))
                            .header("Content-Type", KinesisJson.CONTENT_TYPE)
                            .header("X-Amz-Target", TARGET_PREFIX + "ListShards");
            for (String name : List.of("Authorization", "X-Amz-Date", "X-Amz-Security-Token")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            Answer answer = send(request);
            if (answer.status() != 200) {
                throw new IllegalStateException(
                        "ListShards of stream '"
                                + stream
                                + "' answered HTTP "
                                + answer.status()
                                + ": "
                                + new String(answer.body(), StandardCharsets.UTF_8));
            }
            JsonNode response = KinesisJson.parse(answer.body());
            for (JsonNode s : response.field("Shards").map(JsonNode::asArray).orElse(List.of())) {
                boolean closed =
                        s.field("SequenceNumberRange")
                                .map(r -> KinesisJson.text(r, "EndingSequenceNumber") != null)
                                .orElse(false);
                JsonNode range = s.field("HashKeyRange").orElse(null);
                if (!closed && range != null) {
                    open.add(
                            new ShardMap.Range(
                                    KinesisJson.text(s, "ShardId"),
                                    new BigInteger(KinesisJson.text(range, "StartingHashKey")),
                                    new BigInteger(KinesisJson.text(range, "EndingHashKey"))));
                }
            }
            token = KinesisJson.text(response, "NextToken");
        } while (token != null);
        return new ShardMap(open);
    }
}
