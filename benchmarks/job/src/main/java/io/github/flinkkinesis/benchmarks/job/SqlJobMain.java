package io.github.flinkkinesis.benchmarks.job;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Entry point of a measured child JVM: runs one SQL job on a local MiniCluster, either with our
 * {@code kinesis} connector (Flink 2.3 class path) or with the official one (Flink 1.19 class path;
 * this same source file is compiled for both), and writes a {@link Marks} result file.
 *
 * <p>Arguments are {@code key=value}: {@code flavour} (ours|official), {@code mode} (sink: datagen
 * to Kinesis; source: Kinesis to blackhole; latency: unbounded read recording arrival times),
 * {@code endpoint}, {@code stream}, {@code rows}, {@code serverPid}, {@code parallelism}, {@code
 * metadata} (true: the source table declares the timestamp, shard-id and sequence-number metadata
 * columns), {@code bounded} (true: our source stops at the latest position; otherwise the job is
 * cancelled once {@code rows} ids were seen, the only way to end the official source), {@code out},
 * {@code timeoutSeconds}.
 */
public final class SqlJobMain {

    private SqlJobMain() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got '" + a + "'");
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        Path out = Paths.get(required(args, "out"));
        Properties result = new Properties();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        result.setProperty(Marks.JVM_START_MILLIS, Long.toString(jvmStart));
        try {
            run(args, result, out);
        } catch (Throwable t) {
            result.setProperty(Marks.ERROR, describe(t));
            Marks.write(result, out);
            t.printStackTrace();
            System.exit(1);
        }
        Marks.write(result, out);
        System.out.flush();
        // MiniCluster and SDK threads may linger after a cancel: the result is written, so leave
        System.exit(0);
    }

    private static void run(Map<String, String> args, Properties result, Path out)
            throws Exception {
        String flavour = required(args, "flavour");
        String mode = required(args, "mode");
        long rows = Long.parseLong(required(args, "rows"));
        long serverPid = Long.parseLong(args.getOrDefault("serverPid", "-1"));
        boolean metadata = Boolean.parseBoolean(args.getOrDefault("metadata", "true"));
        boolean bounded = Boolean.parseBoolean(args.getOrDefault("bounded", "false"));
        long timeoutSeconds = Long.parseLong(args.getOrDefault("timeoutSeconds", "900"));
        // table.<key>=<value>: an extra option of the kinesis table
        Map<String, String> tableOptions = new TreeMap<>();
        args.forEach(
                (k, v) -> {
                    if (k.startsWith("table.")) {
                        tableOptions.put(k.substring("table.".length()), v);
                    }
                });
        int nameLength = Integer.parseInt(args.getOrDefault("nameLength", "20"));
        SqlTables tables =
                new SqlTables(
                        flavour,
                        required(args, "endpoint"),
                        required(args, "stream"),
                        metadata,
                        tableOptions);

        Map<String, String> conf = new HashMap<>();
        conf.put("parallelism.default", args.getOrDefault("parallelism", "1"));
        for (String key :
                new String[] {
                    "rest.bind-address",
                    "rest.address",
                    "jobmanager.bind-host",
                    "taskmanager.bind-host",
                    "taskmanager.host",
                    "jobmanager.rpc.address"
                }) {
            conf.put(key, "127.0.0.1");
        }
        conf.put("taskmanager.memory.managed.size", "64m");
        // extra Flink settings from the harness (--flink-conf), applied to both connectors alike
        args.forEach(
                (k, v) -> {
                    if (k.startsWith("conf.")) {
                        conf.put(k.substring("conf.".length()), v);
                    }
                });
        TableEnvironment tEnv =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(Configuration.fromMap(conf))
                                .build());
        boolean latency = "latency".equals(mode);
        RowTap.configure(rows, serverPid, latency);
        tEnv.createTemporarySystemFunction("bench_tap", RowTap.class);

        String insert;
        switch (mode) {
            case "sink":
                tEnv.executeSql(SqlTables.datagenDdl("gen", rows, nameLength));
                tEnv.executeSql(tables.kinesisDdl("k", false, false));
                insert =
                        "INSERT INTO k SELECT "
                                + SqlTables.PAYLOAD_COLUMNS
                                + " FROM gen WHERE bench_tap(id)";
                break;
            case "source":
            case "latency":
                tEnv.executeSql(tables.kinesisDdl("k", true, bounded));
                tEnv.executeSql(tables.blackholeDdl("bh"));
                insert = "INSERT INTO bh SELECT * FROM k WHERE bench_tap(id)";
                break;
            default:
                throw new IllegalArgumentException("mode must be sink, source or latency: " + mode);
        }
        TableResult job = tEnv.executeSql(insert);
        System.out.println("BENCH submitted");

        boolean finishesByItself = "sink".equals(mode) || bounded;
        if (finishesByItself) {
            job.await(timeoutSeconds, TimeUnit.SECONDS);
        } else {
            if (!RowTap.awaitDone(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "only "
                                + RowTap.count()
                                + " of "
                                + rows
                                + " rows arrived within "
                                + timeoutSeconds
                                + " s");
            }
            job.getJobClient()
                    .orElseThrow(() -> new IllegalStateException("no job client to cancel"))
                    .cancel()
                    .get(60, TimeUnit.SECONDS);
        }
        long endNanos = System.nanoTime();
        long cpuEnd = ProcCpu.self();
        long serverCpuEnd = ProcCpu.ofPid(serverPid);
        result.setProperty(Marks.END_MILLIS, Long.toString(System.currentTimeMillis()));
        result.setProperty(Marks.ROWS, Long.toString(RowTap.count()));
        result.setProperty(Marks.DISTINCT_IDS, Long.toString(RowTap.distinctIds()));
        result.setProperty(Marks.ROWS_AT_FIRST, Long.toString(RowTap.steadyFrom()));
        result.setProperty(Marks.FIRST_NANOS, Long.toString(RowTap.firstNanos));
        result.setProperty(Marks.CPU_FIRST, Long.toString(RowTap.cpuFirst));
        result.setProperty(Marks.SERVER_CPU_FIRST, Long.toString(RowTap.serverCpuFirst));
        result.setProperty(Marks.CPU_END, Long.toString(cpuEnd));
        if (RowTap.count() < rows) {
            throw new IllegalStateException(
                    "the job ended after " + RowTap.count() + " of " + rows + " rows");
        }
        result.setProperty(Marks.FIRST_MILLIS, Long.toString(RowTap.firstMillis));
        if ("sink".equals(mode)) {
            // a sink's work ends when its job has flushed the last batch, not when the row passed
            result.setProperty(Marks.LAST_NANOS, Long.toString(endNanos));
            result.setProperty(Marks.CPU_LAST, Long.toString(cpuEnd));
            result.setProperty(Marks.SERVER_CPU_LAST, Long.toString(serverCpuEnd));
            result.setProperty(Marks.LAST_MILLIS, Long.toString(System.currentTimeMillis()));
            // task threads are gone once the job ended: their split is taken at the N-th row
            ThreadCpu.writeDelta(out, RowTap.threadsFirst, RowTap.threadsLast, result);
        } else {
            result.setProperty(Marks.LAST_NANOS, Long.toString(RowTap.lastNanos));
            result.setProperty(Marks.CPU_LAST, Long.toString(RowTap.cpuLast));
            result.setProperty(Marks.SERVER_CPU_LAST, Long.toString(RowTap.serverCpuLast));
            result.setProperty(Marks.LAST_MILLIS, Long.toString(RowTap.lastMillis));
            ThreadCpu.writeDelta(out, RowTap.threadsFirst, RowTap.threadsLast, result);
        }
        if (latency) {
            long[] arrivals = RowTap.arrivals();
            Path file = out.resolveSibling(out.getFileName() + ".arrivals");
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                for (int i = 0; i < arrivals.length; i++) {
                    w.write(Long.toString(arrivals[i]));
                    w.write('\n');
                }
            }
        }
    }

    private static String required(Map<String, String> args, String key) {
        String v = args.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 2000; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }
}
