package io.github.flinkkinesis.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The local AWS-compatible servers the project tests against, and how each one is launched. */
public enum ServerKind {
    /** kinesalite: fast Kinesis polling, names only, no resharding, no EFO. */
    KINESALITE("kinesalite", "Kinesis"),
    /** kinesis-local (kinesis-mock): resharding, ChildShards, ListShards paging, ARNs, EFO. */
    KINESIS_LOCAL("kinesis-local", "Kinesis"),
    /** moto server: the Glue Data Catalog and the Glue Schema Registry. */
    MOTO("moto", "Glue");

    private final String displayName;
    private final String service;

    ServerKind(String displayName, String service) {
        this.displayName = displayName;
        this.service = service;
    }

    public String displayName() {
        return displayName;
    }

    /** The AWS service this server stands in for. */
    public String service() {
        return service;
    }

    /** The command line that starts this server in the foreground on {@code port}. */
    List<String> command(Path serversDir, int port) {
        List<String> cmd = new ArrayList<>();
        switch (this) {
            case KINESALITE:
                cmd.add("node");
                cmd.add(serversDir.resolve("kinesalite-server.js").toString());
                cmd.add(Integer.toString(port));
                break;
            case KINESIS_LOCAL:
                cmd.add("node");
                cmd.add("-r");
                cmd.add(serversDir.resolve("kinesis-local-preload.js").toString());
                cmd.add(serversDir.resolve("node_modules/kinesis-local/main.js").toString());
                break;
            case MOTO:
                cmd.add(System.getenv().getOrDefault("PYTHON", "python3"));
                cmd.add("-m");
                cmd.add("moto.server");
                cmd.add("-H");
                cmd.add("127.0.0.1");
                cmd.add("-p");
                cmd.add(Integer.toString(port));
                break;
            default:
                throw new IllegalStateException("unknown server " + this);
        }
        return cmd;
    }

    /** Environment for the server process; kinesis-local takes its ports and timings from here. */
    void environment(Path serversDir, int port, int secondPort, Map<String, String> env) {
        if (this == KINESIS_LOCAL) {
            env.put(
                    "KINESIS_MOCK_CERT_PATH",
                    serversDir.resolve("node_modules/kinesis-local/server.json").toString());
            env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
            env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(secondPort));
            env.put("LOG_LEVEL", "WARN");
            env.put("SHARD_LIMIT", "1000");
            for (String op :
                    List.of(
                            "CREATE_STREAM",
                            "DELETE_STREAM",
                            "REGISTER_STREAM_CONSUMER",
                            "DEREGISTER_STREAM_CONSUMER",
                            "MERGE_SHARDS",
                            "SPLIT_SHARD",
                            "UPDATE_SHARD_COUNT",
                            "UPDATE_STREAM_MODE",
                            "START_STREAM_ENCRYPTION",
                            "STOP_STREAM_ENCRYPTION")) {
                env.put(op + "_DURATION", "50ms");
            }
        }
        if (this == MOTO) {
            // moto signs nothing; fixed fake credentials keep its responses deterministic
            env.putIfAbsent("AWS_ACCESS_KEY_ID", "testing");
            env.putIfAbsent("AWS_SECRET_ACCESS_KEY", "testing");
        }
    }

    /** What a developer should do when this server cannot be started. */
    String howToInstall(Path serversDir) {
        switch (this) {
            case MOTO:
                return "moto 5.2.1 must be importable by python3 (it is preinstalled on the project's"
                        + " machines; elsewhere run: pip install 'moto[server]==5.2.1'; or set PYTHON"
                        + " to an interpreter that has it)";
            default:
                return "Node.js 18+ and npm must be on the PATH; the npm packages are installed by"
                        + " 'npm ci' in "
                        + serversDir
                        + " (run it by hand if it failed, or run test-servers/install.sh)";
        }
    }
}
