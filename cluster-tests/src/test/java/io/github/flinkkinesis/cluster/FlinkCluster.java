package io.github.flinkkinesis.cluster;

import io.github.flinkkinesis.examples.SqlClientRun;
import io.github.flinkkinesis.testing.ChildProcesses;
import io.github.flinkkinesis.testing.LocalServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink standalone session cluster on this machine: one JobManager and any number of
 * TaskManagers, each a JVM process of its own, started as a Flink distribution's {@code bin/}
 * scripts start them but from Flink's Maven artifacts (the distribution itself is not needed).
 *
 * <p><b>What it owns.</b> A work folder (by default a new {@code target/flink-cluster-*} folder)
 * holding {@code conf/} (the cluster's {@code config.yaml} and {@code log4j.properties}), {@code
 * client/} (the SQL Client's {@code FLINK_CONF_DIR}), {@code log/} (a {@code .log}, an {@code .out}
 * and the command line, {@code .cmd}, of each process), {@code checkpoints/}, {@code savepoints/}
 * and {@code tmp/<TaskManager>/}; and the JVM processes: the JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and one {@code TaskManagerRunner} per TaskManager, whose
 * name is its resource id (the {@code id} in REST's {@code /taskmanagers}).
 *
 * <p><b>Class path.</b> Every process runs on the class path Maven writes to {@code
 * target/cluster-classpath.txt} (system property {@code cluster.classpath.file}): Flink's runtime,
 * client, RPC loader, streaming and table runtime, planner loader, formats, the datagen and files
 * connectors and a log4j 2 binding, i.e. what a distribution's {@code lib/} holds (no web UI; the
 * REST API works). Nothing of this project is on it: a job brings the connector's SQL jar through
 * the SQL Client's {@code -j}, and the jar reaches each TaskManager, also one started later,
 * through the blob server.
 *
 * <p><b>Configuration.</b> Everything binds to 127.0.0.1 on free ports; checkpoints go to {@code
 * checkpoints/}, savepoints to {@code savepoints/}; fixed-delay restarts (10 attempts, 1 s apart)
 * and region failover; 1 GB per process (memory flags from Flink's own {@code BashJavaUtils}, as
 * {@code bin/} does; no managed memory, since no job here uses RocksDB); a lost TaskManager is
 * noticed within seconds (1 s heartbeats). {@link Builder#config} overrides any key. What a job
 * takes from the client rather than from a session cluster is in {@code client/config.yaml}: {@code
 * execution.target: remote}, this cluster's REST port, and a parallelism of one task per slot; a
 * job's checkpoint interval is its own ({@code SET 'execution.checkpointing.interval'}).
 *
 * <p><b>Lifecycle.</b> {@link Builder#start()} writes the configuration, starts the JobManager,
 * waits until its REST API answers, starts the TaskManagers and waits until all have registered; if
 * any step fails it stops what it started and throws with the tail of the logs. {@link
 * #killTaskManager} sends SIGKILL ({@link Process#destroyForcibly()} on Linux), {@link
 * #startTaskManager} adds one (e.g. a replacement). {@link #close()} stops every process still
 * alive, TaskManagers first (SIGTERM, then SIGKILL after a grace period); a JVM shutdown hook does
 * the same if {@code close()} is never reached ({@link ChildProcesses}), so a failing or
 * interrupted test leaves no process behind. The work folder is kept: its logs explain a failure.
 */
public final class FlinkCluster implements AutoCloseable {

    /** Main classes of the processes; the same on Flink 1.20 and 2.x. */
    static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";

    static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String MEMORY_UTILS_MAIN = "org.apache.flink.runtime.util.bash.BashJavaUtils";

    /**
     * The module flags a Flink distribution passes to every JVM on Java 17 (the default {@code
     * env.java.opts.all} of its configuration): Flink reflects into these JDK packages.
     */
    static final List<String> JAVA_17_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** What {@code BashJavaUtils} prefixes its results with. */
    private static final String MEMORY_RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private static final Pattern JOB_ID = Pattern.compile("Job ID: ([0-9a-f]{32})");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final long SQL_CLIENT_TIMEOUT_SECONDS = 300;

    private final String classpath;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path confDir;
    private final Path clientConfDir;
    private final Path logDir;
    private final FlinkRest rest;
    private final ChildProcesses children = new ChildProcesses("stop-flink-cluster", STOP_GRACE);
    private final Map<String, Process> running = new LinkedHashMap<>();
    private Memory taskManagerMemory;

    private FlinkCluster(Builder builder, String classpath, Path workDir, int restPort) {
        this.classpath = classpath;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.environment = Map.copyOf(builder.environment);
        this.workDir = workDir;
        this.confDir = workDir.resolve("conf");
        this.clientConfDir = workDir.resolve("client");
        this.logDir = workDir.resolve("log");
        this.rest = new FlinkRest(URI.create("http://127.0.0.1:" + restPort));
    }

    /** A cluster of one JobManager and two TaskManagers of one slot each, unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a cluster to start. */
    public static final class Builder {
        private Path classpathFile =
                Path.of(
                        System.getProperty(
                                "cluster.classpath.file", "target/cluster-classpath.txt"));
        private Path workDir;
        private int taskManagers = 2;
        private int slotsPerTaskManager = 1;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder() {}

        /** The file holding the processes' class path (Maven's {@code build-classpath}). */
        public Builder classpathFile(Path file) {
            this.classpathFile = file;
            return this;
        }

        /** Where configuration, logs, checkpoints and savepoints go (created if missing). */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** TaskManagers started with the cluster, named {@code tm-1}, {@code tm-2}, ... */
        public Builder taskManagers(int count) {
            this.taskManagers = count;
            return this;
        }

        public Builder slotsPerTaskManager(int slots) {
            this.slotsPerTaskManager = slots;
            return this;
        }

        /** An extra JVM option of every cluster process (as {@code env.java.opts.all}). */
        public Builder jvmOption(String option) {
            this.jvmOptions.add(option);
            return this;
        }

        /** An environment variable of every cluster process (e.g. {@code AWS_REGION}). */
        public Builder environment(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        /** A configuration entry of {@code config.yaml}, replacing the harness's default. */
        public Builder config(String key, String value) {
            this.config.put(key, value);
            return this;
        }

        /** Starts the cluster and returns once every TaskManager has registered. */
        public FlinkCluster start() throws IOException, InterruptedException {
            if (!Files.isRegularFile(classpathFile)) {
                throw new IllegalStateException(
                        "The cluster class path file "
                                + classpathFile.toAbsolutePath()
                                + " does not exist: build the module first ('mvn -pl"
                                + " cluster-tests -am package -DskipTests' writes it)");
            }
            String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
            Path dir =
                    workDir != null
                            ? Files.createDirectories(workDir)
                            : Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target")), "flink-cluster-");
            dir = dir.toAbsolutePath();
            int restPort = LocalServer.freePort();
            FlinkCluster cluster = new FlinkCluster(this, classpath, dir, restPort);
            try {
                cluster.writeConfiguration(defaults(dir, restPort));
                cluster.startJobManager();
                for (int i = 1; i <= taskManagers; i++) {
                    cluster.launchTaskManager("tm-" + i);
                }
                for (int i = 1; i <= taskManagers; i++) {
                    cluster.awaitRegistered("tm-" + i);
                }
                return cluster;
            } catch (Exception e) {
                String logs = cluster.logTails();
                cluster.close();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException(
                        "The Flink cluster did not start: " + e.getMessage() + "\n" + logs, e);
            }
        }

        private Map<String, String> defaults(Path dir, int restPort) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("jobmanager.rpc.address", "127.0.0.1");
            c.put("jobmanager.rpc.port", Integer.toString(LocalServer.freePort()));
            c.put("jobmanager.bind-host", "127.0.0.1");
            c.put("rest.address", "127.0.0.1");
            c.put("rest.bind-address", "127.0.0.1");
            c.put("rest.port", Integer.toString(restPort));
            c.put("blob.server.port", Integer.toString(LocalServer.freePort()));
            c.put("taskmanager.bind-host", "127.0.0.1");
            c.put("taskmanager.host", "127.0.0.1");
            c.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
            c.put("parallelism.default", Integer.toString(taskManagers * slotsPerTaskManager));
            c.put("jobmanager.memory.process.size", "1g");
            c.put("taskmanager.memory.process.size", "1g");
            // no job here uses RocksDB: managed memory would only take heap away from the tasks
            c.put("taskmanager.memory.managed.size", "0");
            c.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
            c.put(
                    "execution.checkpointing.savepoint-dir",
                    dir.resolve("savepoints").toUri().toString());
            c.put("restart-strategy.type", "fixed-delay");
            c.put("restart-strategy.fixed-delay.attempts", "10");
            c.put("restart-strategy.fixed-delay.delay", "1 s");
            c.put("jobmanager.execution.failover-strategy", "region");
            // a TaskManager killed with SIGKILL is declared lost after a few missed heartbeats
            c.put("heartbeat.interval", "1000");
            c.put("heartbeat.timeout", "10000");
            // REST serves fresh metrics (numRestarts) and keeps the stats of every checkpoint
            c.put("metrics.fetcher.update-interval", "1000");
            c.put("web.checkpoints.history", "1000");
            c.putAll(config);
            return c;
        }
    }

    // ---- configuration ---------------------------------------------------------------------

    private void writeConfiguration(Map<String, String> config) throws IOException {
        for (Path d :
                List.of(
                        confDir,
                        clientConfDir,
                        logDir,
                        workDir.resolve("checkpoints"),
                        workDir.resolve("savepoints"))) {
            Files.createDirectories(d);
        }
        StringBuilder yaml =
                new StringBuilder("# Written by FlinkCluster for one test run; flat keys.\n");
        config.forEach((k, v) -> yaml.append(k).append(": ").append(yamlValue(v)).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(
                confDir.resolve("log4j.properties"),
                logConfiguration("%d{HH:mm:ss,SSS} %-5p %-50c{1.} [%t] %m%n"),
                StandardCharsets.UTF_8);

        // what a job takes from the client, not from a session cluster: where it is submitted
        // and its parallelism (one task per slot of the cluster)
        String client =
                "# The SQL Client's FLINK_CONF_DIR: jobs go to the cluster through its REST API.\n"
                        + "execution.target: remote\n"
                        + "rest.address: 127.0.0.1\n"
                        + "rest.port: "
                        + config.get("rest.port")
                        + "\n"
                        + "parallelism.default: "
                        + config.get("parallelism.default")
                        + "\n"
                        + "execution.runtime-mode: streaming\n"
                        + "sql-client.execution.result-mode: tableau\n";
        Files.writeString(clientConfDir.resolve("config.yaml"), client, StandardCharsets.UTF_8);
        Files.writeString(
                clientConfDir.resolve("log4j-cli.properties"),
                logConfiguration("%d{HH:mm:ss,SSS} %-5p %-40c{1} %m%n"),
                StandardCharsets.UTF_8);
    }

    private static String logConfiguration(String pattern) {
        return "# Each process logs to the file in its system property log.file.\n"
                + "rootLogger.level = INFO\n"
                + "rootLogger.appenderRef.file.ref = File\n"
                + "appender.file.name = File\n"
                + "appender.file.type = File\n"
                + "appender.file.fileName = ${sys:log.file}\n"
                + "appender.file.layout.type = PatternLayout\n"
                + "appender.file.layout.pattern = "
                + pattern
                + "\n";
    }

    private static String yamlValue(String value) {
        return value.matches("[A-Za-z0-9._/-]+|[0-9]+ [a-z]+")
                ? value
                : "'" + value.replace("'", "''") + "'";
    }

    // ---- processes -------------------------------------------------------------------------

    private void startJobManager() throws IOException, InterruptedException {
        Memory memory = memory("GET_JM_RESOURCE_PARAMS");
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(memory.options());
        launch("jobmanager", JOB_MANAGER_MAIN, memory.jvmFlags(), args);
        Await.until(
                "the JobManager's REST API on " + rest.uri(),
                STARTUP_TIMEOUT,
                () -> {
                    requireAlive("jobmanager");
                    return rest.get("/overview").has("taskmanagers");
                });
    }

    /**
     * Starts a TaskManager named {@code name} (its resource id) and waits until it has registered
     * with the JobManager, e.g. a replacement for one that was killed.
     */
    public void startTaskManager(String name) throws IOException, InterruptedException {
        launchTaskManager(name);
        awaitRegistered(name);
    }

    private void launchTaskManager(String name) throws IOException, InterruptedException {
        if (taskManagerMemory == null) {
            taskManagerMemory = memory("GET_TM_RESOURCE_PARAMS");
        }
        Path tmp = Files.createDirectories(workDir.resolve("tmp").resolve(name));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(List.of("-D", "taskmanager.resource-id=" + name));
        args.addAll(List.of("-D", "io.tmp.dirs=" + tmp));
        args.addAll(taskManagerMemory.options());
        launch(name, TASK_MANAGER_MAIN, taskManagerMemory.jvmFlags(), args);
    }

    private void awaitRegistered(String name) throws InterruptedException {
        Await.until(
                "TaskManager " + name + " to register with the JobManager",
                STARTUP_TIMEOUT,
                () -> {
                    requireAlive(name);
                    return rest.taskManagers().contains(name);
                });
    }

    /** Kills the TaskManager {@code name} with SIGKILL and waits until its process is gone. */
    public void killTaskManager(String name) throws InterruptedException {
        Process process;
        synchronized (running) {
            process = running.remove(name);
        }
        if (process == null || name.equals("jobmanager")) {
            throw new IllegalArgumentException("no running TaskManager " + name);
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("TaskManager " + name + " survived SIGKILL");
        }
    }

    /** The process ids of the running processes, by name ({@code jobmanager}, {@code tm-1}...). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (running) {
            running.forEach((name, p) -> pids.put(name, p.pid()));
        }
        return pids;
    }

    private void launch(String name, String mainClass, List<String> memoryFlags, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(memoryFlags);
        cmd.addAll(JAVA_17_FLAGS);
        cmd.addAll(jvmOptions);
        cmd.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        Files.writeString(logDir.resolve(name + ".cmd"), String.join(" ", cmd) + "\n");
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(logDir.resolve(name + ".out").toFile());
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        pb.environment().putAll(environment);
        synchronized (running) {
            if (running.containsKey(name)) {
                throw new IllegalArgumentException("a process named " + name + " is running");
            }
            running.put(name, children.add(pb.start()));
        }
    }

    private void requireAlive(String name) {
        Process p;
        synchronized (running) {
            p = running.get(name);
        }
        if (p == null || !p.isAlive()) {
            throw new ProcessDiedException(
                    name + " is not running (see " + logDir.resolve(name + ".log") + ")");
        }
    }

    /** A process this cluster waits for has exited: waiting longer is pointless. */
    static final class ProcessDiedException extends Await.GiveUp {
        ProcessDiedException(String message) {
            super(message);
        }
    }

    /** JVM flags and dynamic options ({@code -D key=value}) from Flink's memory calculation. */
    private record Memory(List<String> jvmFlags, List<String> options) {}

    private Memory memory(String command) throws IOException, InterruptedException {
        List<String> cmd =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-cp",
                        classpath,
                        MEMORY_UTILS_MAIN,
                        command,
                        "--configDir",
                        confDir.toString());
        Path out = logDir.resolve(command + ".out");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(MEMORY_UTILS_MAIN + " " + command + " hung");
        }
        List<String> results =
                Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.startsWith(MEMORY_RESULT_PREFIX))
                        .map(l -> l.substring(MEMORY_RESULT_PREFIX.length()).trim())
                        .toList();
        if (p.exitValue() != 0 || results.size() < 2) {
            throw new IllegalStateException(
                    MEMORY_UTILS_MAIN
                            + " "
                            + command
                            + " failed:\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
        }
        // the last two results: the JVM flags, then the dynamic options (pairs "-D" "key=value")
        return new Memory(
                words(results.get(results.size() - 2)), words(results.get(results.size() - 1)));
    }

    private static List<String> words(String line) {
        return line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
    }

    // ---- jobs ------------------------------------------------------------------------------

    /** The cluster's REST API. */
    public FlinkRest rest() {
        return rest;
    }

    /**
     * Stops the job with a savepoint in this cluster's {@code savepoints/} folder, waits until it
     * has finished, and returns the savepoint's path.
     */
    public String stopWithSavepoint(String jobId, Duration timeout) throws InterruptedException {
        return rest.stopWithSavepoint(jobId, workDir.resolve("savepoints").toUri(), timeout);
    }

    /** The SQL Client's configuration folder ({@code FLINK_CONF_DIR}) for this cluster. */
    public Path clientConfDir() {
        return clientConfDir;
    }

    /**
     * Runs {@code script} in the real SQL Client ({@code embedded -j JAR... -f script}, its own
     * JVM) against this cluster, as a user would; the jars travel with the job.
     */
    public SqlClientRun.Result sql(Path script, List<Path> jars)
            throws IOException, InterruptedException {
        return SqlClientRun.run(
                clientConfDir, null, script, jars, workDir, SQL_CLIENT_TIMEOUT_SECONDS);
    }

    /**
     * Runs {@code script}, which must submit a job (e.g. an {@code INSERT}), and returns the id of
     * the last job it submitted; a statement that failed is an exception with the client's output.
     */
    public String submit(Path script, List<Path> jars) throws IOException, InterruptedException {
        SqlClientRun.Result result = sql(script, jars);
        String jobId = null;
        Matcher m = JOB_ID.matcher(result.output());
        while (m.find()) {
            jobId = m.group(1);
        }
        if (result.failed() || jobId == null) {
            throw new IllegalStateException(
                    "The SQL Client did not submit a job (log "
                            + result.logFile()
                            + "):\n"
                            + result.output());
        }
        return jobId;
    }

    // ---- files and shutdown ----------------------------------------------------------------

    public Path workDir() {
        return workDir;
    }

    /** The last lines of each process's log, for failure messages. */
    public String logTails() {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(logDir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                List<String> lines =
                        name.endsWith(".log") || name.endsWith(".out")
                                ? Files.readAllLines(f, StandardCharsets.UTF_8)
                                : List.of();
                if (!lines.isEmpty()) {
                    sb.append("--- ").append(f).append(" (last lines) ---\n");
                    lines.subList(Math.max(0, lines.size() - 15), lines.size())
                            .forEach(l -> sb.append(l).append('\n'));
                }
            }
        } catch (IOException e) {
            sb.append("(logs in ").append(logDir).append(" unreadable: ").append(e).append(")\n");
        }
        return sb.toString();
    }

    /** Stops every process still running, TaskManagers first: SIGTERM, then SIGKILL. */
    @Override
    public void close() {
        synchronized (running) {
            running.clear();
        }
        children.close();
    }

    @Override
    public String toString() {
        return "Flink "
                + rest.flinkVersion()
                + " cluster "
                + rest.uri()
                + " "
                + pids()
                + " in "
                + workDir;
    }
}
