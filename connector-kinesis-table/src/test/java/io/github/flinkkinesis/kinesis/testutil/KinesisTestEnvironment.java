package io.github.flinkkinesis.kinesis.testutil;

import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.LocalServerExtension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The set-up of the connector's integration tests in one JUnit 5 extension: a local Kinesis server,
 * a Flink MiniCluster, the test's streams, and table environments whose jobs run on that cluster.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KinesisTestEnvironment ENV = KinesisTestEnvironment.kinesalite();
 *
 * @Test
 * void readsWhatWasPut() {
 *     String stream = ENV.newStream(2);
 *     ENV.streams().put(stream, keys, payloads);
 *     StreamTableEnvironment tEnv = ENV.tableEnv(2);
 *     tEnv.executeSql(ENV.ddl("t (id INT)", TestTables.boundedRead(stream, "json")));
 *     ...
 * }
 * }</pre>
 *
 * <p>Lifecycle (register it on a {@code static} field):
 *
 * <ul>
 *   <li><b>Per class</b>: before the first test the server (kinesalite or kinesis-local, on a free
 *       127.0.0.1 port) and the MiniCluster start, side by side; after the last test both stop.
 *       Each costs seconds to start, so the tests of a class share them. {@link
 *       #withoutMiniCluster()} leaves the cluster out for tests that only call Kinesis.
 *   <li><b>Per test</b>: the MiniCluster is the context environment only from before each test to
 *       after it (Flink's {@link MiniClusterExtension} registers it there), so {@link #tableEnv}
 *       and {@link #streamEnv} are called from a test or its {@code @BeforeEach}.
 *   <li><b>Streams</b>: {@link #newStream} creates a stream with a fresh name and waits until it is
 *       ACTIVE. One created while a test runs (in the test or its {@code @BeforeEach}) is deleted
 *       after that test; one created in {@code @BeforeAll} lives until the class ends. Deleting is
 *       best effort (a failure is logged, not raised): the server's state dies with it anyway, the
 *       deletion only keeps a long class from filling the server.
 * </ul>
 *
 * <p>Tables reach the server through {@link #awsOptions()}, or whole with {@link #ddl}.
 */
public final class KinesisTestEnvironment
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisTestEnvironment.class);

    private final Supplier<LocalServerExtension> serverKind;
    private final LocalServerExtension kinesis;
    private final int slots;
    private final boolean restMetrics;

    private volatile TestStreams streams;
    private volatile MiniClusterExtension flink;
    private volatile boolean inTest;
    private volatile String currentTest;
    private volatile String testClass;
    private final List<String> testStreams = new ArrayList<>();
    private final List<String> classStreams = new ArrayList<>();

    private KinesisTestEnvironment(
            Supplier<LocalServerExtension> serverKind, int slots, boolean restMetrics) {
        this.serverKind = serverKind;
        this.kinesis = serverKind.get();
        this.slots = slots;
        this.restMetrics = restMetrics;
    }

    /** kinesalite (fast, names only, no resharding) and a MiniCluster with 2 slots. */
    public static KinesisTestEnvironment kinesalite() {
        return new KinesisTestEnvironment(LocalServerExtension::kinesalite, 2, false);
    }

    /** kinesis-local (resharding, ARNs, paging) and a MiniCluster with 2 slots. */
    public static KinesisTestEnvironment kinesisLocal() {
        return new KinesisTestEnvironment(LocalServerExtension::kinesisLocal, 2, false);
    }

    /** The same kind of server with a MiniCluster of one TaskManager with {@code slots} slots. */
    public KinesisTestEnvironment withSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a MiniCluster needs at least one slot: " + slots);
        }
        return new KinesisTestEnvironment(serverKind, slots, restMetrics);
    }

    /** The same kind of server and no MiniCluster, for tests that only call Kinesis. */
    public KinesisTestEnvironment withoutMiniCluster() {
        return new KinesisTestEnvironment(serverKind, 0, false);
    }

    /**
     * The same, with the MiniCluster's REST API on a free 127.0.0.1 port ({@link #restEndpoint()})
     * serving metrics at most {@value #METRICS_FETCH_INTERVAL_MILLIS} ms old (Flink's default is 10
     * s), for tests that read a running job's metrics as the web UI does.
     */
    public KinesisTestEnvironment withRestMetrics() {
        return new KinesisTestEnvironment(serverKind, slots, true);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        testClass = context.getRequiredTestClass().getSimpleName();
        // the server starts in the background while this thread starts the MiniCluster
        CompletableFuture<Void> starting =
                CompletableFuture.runAsync(() -> kinesis.beforeAll(context));
        try {
            if (slots > 0) {
                flink = new MiniClusterExtension(miniClusterConfiguration(slots, restMetrics));
                flink.beforeAll(context);
            }
        } finally {
            joinStarted(starting);
        }
        streams = new TestStreams(kinesis.endpoint());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (flink != null) {
            flink.beforeEach(context);
        }
        currentTest = context.getRequiredTestMethod().getName();
        inTest = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        inTest = false;
        currentTest = null;
        try {
            if (flink != null) {
                flink.afterEach(context);
            }
        } finally {
            deleteStreams(testStreams);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            deleteStreams(classStreams);
            if (streams != null) {
                streams.close();
            }
        } finally {
            streams = null;
            try {
                kinesis.afterAll(context);
            } finally {
                MiniClusterExtension f = flink;
                flink = null;
                if (f != null) {
                    f.afterAll(context);
                }
            }
        }
    }

    private static MiniClusterResourceConfiguration miniClusterConfiguration(
            int slots, boolean restMetrics) {
        Configuration configuration = new Configuration();
        if (restMetrics) {
            configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            configuration.set(RestOptions.ADDRESS, "127.0.0.1");
            configuration.set(RestOptions.BIND_PORT, "0");
            configuration.set(
                    MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL,
                    Duration.ofMillis(METRICS_FETCH_INTERVAL_MILLIS));
        }
        return new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .build();
    }

    private static void joinStarted(CompletableFuture<Void> starting) {
        try {
            starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- Kinesis

    /** The running server; fails if the extension is not registered on a static field. */
    public LocalServer server() {
        return kinesis.server();
    }

    /** The endpoint override of SDK clients and tables, e.g. {@code http://127.0.0.1:4567}. */
    public URI endpoint() {
        return kinesis.endpoint();
    }

    /** Test-side access to the server: put records, read them back, list shards. */
    public TestStreams streams() {
        kinesis.server(); // fails with advice when not running
        return streams;
    }

    /** A plain SDK client of the server, for calls {@link TestStreams} does not wrap. */
    public KinesisClient client() {
        return streams().client();
    }

    /**
     * Creates a stream with {@code shards} shards and a fresh name (the test method's name, or the
     * class's in {@code @BeforeAll}, plus a unique suffix), waits until it is ACTIVE and returns
     * its name. It is deleted after the test, or after the class when created outside a test.
     */
    public String newStream(int shards) {
        String prefix = currentTest != null ? currentTest : testClass;
        // stream names allow 128 characters; the suffix takes up to 20
        String name = TestStreams.uniqueName(prefix.substring(0, Math.min(prefix.length(), 60)));
        synchronized (this) {
            (inTest ? testStreams : classStreams).add(name);
        }
        return streams().createStream(name, shards);
    }

    private void deleteStreams(List<String> names) {
        List<String> toDelete;
        synchronized (this) {
            toDelete = new ArrayList<>(names);
            names.clear();
        }
        if (streams == null) {
            return;
        }
        for (String name : toDelete) {
            try {
                streams.client()
                        .deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true));
            } catch (RuntimeException e) {
                LOG.warn(
                        "Could not delete test stream {} on {}: {}",
                        name,
                        kinesis.endpoint(),
                        e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- Flink

    /** How old, at most, the metrics are that the REST API of {@link #withRestMetrics()} serves. */
    public static final long METRICS_FETCH_INTERVAL_MILLIS = 500;

    /**
     * The base URI of the running MiniCluster's REST API, e.g. {@code http://127.0.0.1:40123}, as
     * the cluster reports it to clients.
     */
    public URI restEndpoint() {
        if (flink == null || !flink.isRunning()) {
            throw new IllegalStateException(
                    "This KinesisTestEnvironment has no running MiniCluster");
        }
        Configuration client = flink.getClientConfiguration();
        return URI.create(
                "http://"
                        + client.get(JobManagerOptions.ADDRESS)
                        + ":"
                        + client.get(RestOptions.PORT));
    }

    /**
     * A streaming execution environment on the MiniCluster whose jobs run with {@code parallelism}.
     */
    public StreamExecutionEnvironment streamEnv(int parallelism) {
        if (flink == null) {
            throw new IllegalStateException(
                    "This KinesisTestEnvironment has no MiniCluster (withoutMiniCluster())");
        }
        if (!inTest) {
            throw new IllegalStateException(
                    "Call streamEnv/tableEnv from a test or its @BeforeEach: the MiniCluster is the"
                            + " context environment only while a test runs");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * A streaming table environment on the MiniCluster whose jobs run with {@code parallelism}, in
     * the UTC time zone, so that TIMESTAMP_LTZ values read the same on every machine.
     */
    public StreamTableEnvironment tableEnv(int parallelism) {
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(streamEnv(parallelism));
        tableEnv.getConfig().set("table.local-time-zone", "UTC");
        return tableEnv;
    }

    // ---------------------------------------------------------------- DDL

    /** The aws.* options of a table on this server: region, endpoint and BASIC credentials. */
    public Map<String, String> awsOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("aws.region", "us-east-1");
        options.put("aws.endpoint", endpoint().toString());
        options.put("aws.credentials.provider", "BASIC");
        options.put("aws.credentials.basic.accesskeyid", TestStreams.CREDENTIAL);
        options.put("aws.credentials.basic.secretkey", TestStreams.CREDENTIAL);
        return options;
    }

    /**
     * {@code CREATE TABLE definition WITH (...)} of a kinesis table on this server, where {@code
     * definition} is what SQL puts between the two, e.g. {@code "t (id INT) PARTITIONED BY (id)"},
     * and the options are the connector's, {@link #awsOptions()} and then {@code options} (which
     * win).
     */
    public String ddl(String definition, Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("connector", "kinesis");
        all.putAll(awsOptions());
        all.putAll(options);
        return "CREATE TABLE "
                + definition
                + " WITH ("
                + all.entrySet().stream()
                        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                        .collect(Collectors.joining(", "))
                + ")";
    }

    @Override
    public String toString() {
        return "KinesisTestEnvironment["
                + (streams != null ? server() : "not running")
                + (slots > 0 ? ", MiniCluster with " + slots + " slots" : "")
                + "]";
    }
}
