package io.github.flinkkinesis.kinesis.testutil;

import io.github.flinkkinesis.testing.LocalServerExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The set-up shared by the SQL integration tests: the MiniCluster, the table environment, and the
 * {@code aws.*} options that point a kinesis table at a local server.
 */
public final class TestTables {

    /** The access key id and secret key of the test clients; the local servers accept any. */
    static final String CREDENTIAL = "fake";

    private TestTables() {}

    /** A MiniCluster of one TaskManager with {@code slots} slots. */
    public static MiniClusterExtension miniCluster(int slots) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .build());
    }

    /** A streaming table environment whose jobs run with {@code parallelism}. */
    public static StreamTableEnvironment tableEnv(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        return StreamTableEnvironment.create(env);
    }

    /** The aws.* options of a table on {@code server}: region, endpoint and BASIC credentials. */
    public static Map<String, String> awsOptions(LocalServerExtension server) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("aws.region", "us-east-1");
        options.put("aws.endpoint", server.endpoint().toString());
        options.put("aws.credentials.provider", "BASIC");
        options.put("aws.credentials.basic.accesskeyid", CREDENTIAL);
        options.put("aws.credentials.basic.secretkey", CREDENTIAL);
        return options;
    }

    /** {@link #awsOptions} as entries of a SQL WITH clause: {@code 'k' = 'v', 'k2' = 'v2'}. */
    public static String awsWith(LocalServerExtension server) {
        return awsOptions(server).entrySet().stream()
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                .collect(Collectors.joining(", "));
    }
}
