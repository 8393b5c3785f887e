package io.github.flinkkinesis.examples;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A Flink session cluster in one JVM (a JobManager and one TaskManager with 4 slots, Flink's own
 * {@link MiniCluster}), bound to 127.0.0.1, with its REST API on the port given as the only
 * argument. The SQL Gateway submits jobs to it as to any session cluster ({@code execution.target:
 * remote}): the jars a session added with {@code ADD JAR} travel with each job through the blob
 * server. It runs until the process is stopped (SIGTERM). Against a real deployment, point the
 * gateway at that cluster's REST address instead.
 */
public final class SessionCluster {

    private SessionCluster() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SessionCluster <rest port>");
        }
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.PORT, Integer.parseInt(args[0]));
        config.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        config.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        config.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        config.set(TaskManagerOptions.HOST, "127.0.0.1");
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(config)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(4)
                                .build());
        cluster.start();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        cluster.close();
                                    } catch (Exception e) {
                                        e.printStackTrace();
                                    }
                                },
                                "stop-session-cluster"));
        System.out.println("Flink session cluster REST API: " + cluster.getRestAddress().get());
        Thread.currentThread().join();
    }
}
