package io.github.flinkkinesis.benchmarks;

import io.github.flinkkinesis.benchmarks.job.Marks;
import io.github.flinkkinesis.benchmarks.job.ProcCpu;
import io.github.flinkkinesis.testing.LocalServer;
import io.github.flinkkinesis.testing.ProjectPaths;
import io.github.flinkkinesis.testing.ServerKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end benchmark, one command ({@code benchmarks/run.sh}): starts kinesalite, then for N
 * rows of ~100-byte JSON measures, each in its own child JVM, the raw SDK ceiling (PutRecords,
 * GetRecords), our sink and source and the official connector's sink and source on the same server
 * and data, and the end-to-end latency of both sources; then writes a report.
 *
 * <p>Lifecycle: one server for the whole run (so every figure shares its state and the machine's
 * momentary load as far as possible), a fresh 4-shard stream for each writing phase (deleted once
 * checked), one stream per round filled by the raw PutRecords loop that every reading phase of the
 * round reads (deleted at the round's end): the server holds at most two phases' records. A phase
 * that fails is reported as failed with its reason; the others still run.
 */
public final class Harness {

    static final int SHARDS = 4;
    static final String SOURCE_STREAM = "bench-source";

    private final HarnessOptions options;
    private final Path runDir;
    private final Path log4j;

    /** Every round's result of each phase, by phase name. */
    private final Map<String, List<PhaseResult>> rounds = new LinkedHashMap<>();

    private int round;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, String> checks = new LinkedHashMap<>();
    private final Map<String, List<String>> threads = new LinkedHashMap<>();
    private final List<LatencyProbe.Result> latencies = new ArrayList<>();
    private LocalServer server;
    private StreamAdmin admin;

    private final String commandLine;

    private Harness(HarnessOptions options, String commandLine) throws IOException {
        this.options = options;
        this.commandLine = commandLine;
        this.runDir = options.outDir();
        Files.createDirectories(runDir);
        this.log4j = childLog4j(runDir);
    }

    /** Writes the measured JVMs' log configuration (WARN and above) into {@code dir}. */
    static Path childLog4j(Path dir) throws IOException {
        Path file = dir.resolve("log4j2-child.properties");
        Files.writeString(
                file,
                "rootLogger.level = WARN\n"
                        + "rootLogger.appenderRef.console.ref = console\n"
                        + "appender.console.type = Console\n"
                        + "appender.console.name = console\n"
                        + "appender.console.layout.type = PatternLayout\n"
                        + "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n\n",
                StandardCharsets.UTF_8);
        return file;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.cborEnabled", "false"); // before any SDK client is built
        HarnessOptions options = HarnessOptions.parse(args);
        new Harness(options, String.join(" ", args)).run();
    }

    private void run() throws Exception {
        log("run folder " + runDir);
        Instant started = Instant.now();
        try (LocalServer kinesalite = LocalServer.start(ServerKind.KINESALITE);
                StreamAdmin streams = new StreamAdmin(kinesalite.endpoint())) {
            this.server = kinesalite;
            this.admin = streams;
            log("kinesalite " + kinesalite + ", server CPU read from /proc/" + kinesalite.pid());
            for (round = 1; round <= options.repeat(); round++) {
                if (options.repeat() > 1) {
                    log("round " + round + " of " + options.repeat());
                }
                admin.createStream(sourceStream(), SHARDS);
                rawPhase("raw PutRecords", "put", sourceStream());
                checkStream("raw PutRecords", sourceStream());
                rawPhase("raw GetRecords", "get", sourceStream());
                // alternate who goes first, so neither connector always meets the fresher server
                List<String> order = new ArrayList<>(options.flavours());
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (String flavour : order) {
                    sinkPhase(flavour);
                }
                for (String flavour : order) {
                    sourcePhase(flavour, true);
                    if (flavour.equals("ours") && options.withoutMetadataPhase()) {
                        sourcePhase(flavour, false);
                    }
                }
                admin.deleteStream(sourceStream());
            }
            round = 0;
            if (options.latencySeconds() > 0) {
                for (String flavour : options.flavours()) {
                    latencyPhase(flavour);
                }
            }
        }
        Map<String, String> machine = machine();
        machine.put("command", "benchmarks/run.sh " + commandLine);
        machine.put("versions", versions());
        Map<String, PhaseResult> results = new LinkedHashMap<>();
        rounds.forEach((name, list) -> results.put(name, PhaseResult.median(name, list)));
        Report report =
                new Report(
                        options, started, results, rounds, failures, checks, latencies, threads,
                        machine);
        String md = report.markdown();
        Files.writeString(runDir.resolve("report.md"), md, StandardCharsets.UTF_8);
        report.writeProperties(runDir.resolve("results.properties"));
        System.out.println();
        System.out.println(md);
        log("report written to " + runDir.resolve("report.md"));
    }

    private void rawPhase(String name, String mode, String stream) throws Exception {
        Path marks = runDir.resolve(fileName(name) + ".properties");
        measure(
                name,
                ownClassPath(),
                RawCeiling.class.getName(),
                List.of(
                        mode,
                        server.endpoint().toString(),
                        stream,
                        Long.toString(options.rows()),
                        Long.toString(server.pid()),
                        marks.toString()),
                marks);
    }

    private void sinkPhase(String flavour) throws Exception {
        String name = label(flavour) + " sink";
        String stream = "bench-sink-" + flavour + "-r" + round;
        admin.createStream(stream, SHARDS);
        Path marks = runDir.resolve(fileName(name) + ".properties");
        if (measure(
                name,
                classPath(flavour),
                JOB_MAIN,
                jobArgs(flavour, "sink", stream, marks, true),
                marks)) {
            checkStream(name, stream);
        }
        admin.deleteStream(stream);
    }

    private void sourcePhase(String flavour, boolean metadata) throws Exception {
        String name = label(flavour) + " source" + (metadata ? "" : " (no metadata columns)");
        Path marks = runDir.resolve(fileName(name) + ".properties");
        List<String> args = jobArgs(flavour, "source", sourceStream(), marks, metadata);
        if (measure(name, classPath(flavour), JOB_MAIN, args, marks)) {
            List<PhaseResult> all = rounds.get(name);
            PhaseResult r = all.get(all.size() - 1);
            checks.put(
                    checkName(name),
                    r.distinctIds == options.rows()
                            ? "read all " + options.rows() + " ids"
                            : "MISMATCH: read "
                                    + r.distinctIds
                                    + " distinct ids of "
                                    + options.rows());
        }
    }

    private void latencyPhase(String flavour) throws Exception {
        String name = label(flavour) + " source latency";
        String stream = "bench-latency-" + flavour;
        admin.createStream(stream, SHARDS);
        Path marks = runDir.resolve(slug(name) + ".properties");
        long rows = (long) options.latencyRate() * options.latencySeconds();
        List<String> args = new ArrayList<>(jobArgs(flavour, "latency", stream, marks, true));
        args.set(args.indexOf("rows=" + options.rows()), "rows=" + rows);
        args.add("timeoutSeconds=" + (options.latencySeconds() + 240));
        log(
                "phase "
                        + name
                        + ": "
                        + options.latencyRate()
                        + " rows/s for "
                        + options.latencySeconds()
                        + " s");
        ChildJvm child =
                ChildJvm.start(
                        classPath(flavour),
                        JOB_MAIN,
                        args,
                        profileFlags(name),
                        runDir.resolve(slug(name) + ".log"),
                        log4j);
        try {
            LatencyProbe probe = new LatencyProbe(admin.kinesis(), stream, options.latencyRate());
            LatencyProbe.Result result = probe.run(name, child, rows, marks);
            latencies.add(result);
            log(name + ": " + result.summary());
        } catch (RuntimeException e) {
            child.kill();
            failures.put(name, e.getMessage() + "\n" + child.logTail(15));
            log(name + " FAILED: " + e.getMessage());
        }
    }

    private static final String JOB_MAIN = "io.github.flinkkinesis.benchmarks.job.SqlJobMain";

    private List<String> jobArgs(
            String flavour, String mode, String stream, Path marks, boolean metadata) {
        List<String> args = baseJobArgs(flavour, mode, stream, marks, metadata);
        for (String kv : options.flinkConf()) {
            args.add("conf." + kv);
        }
        return args;
    }

    private List<String> baseJobArgs(
            String flavour, String mode, String stream, Path marks, boolean metadata) {
        return new ArrayList<>(
                List.of(
                        "flavour=" + flavour,
                        "mode=" + mode,
                        "endpoint=" + server.endpoint(),
                        "stream=" + stream,
                        "rows=" + options.rows(),
                        "serverPid=" + server.pid(),
                        "parallelism=" + options.parallelism(),
                        "metadata=" + metadata,
                        // our source stops by itself; the official one has no bounded mode
                        "bounded=" + (flavour.equals("ours") && mode.equals("source")),
                        "out=" + marks));
    }

    /** Runs one child and records its result; false if it failed. */
    private boolean measure(
            String name, String classPath, String main, List<String> args, Path marks)
            throws Exception {
        settleServer();
        log("phase " + name + " ...");
        Files.deleteIfExists(marks);
        long serverBefore = ProcCpu.ofPid(server.pid());
        ChildJvm child =
                ChildJvm.start(
                        classPath,
                        main,
                        args,
                        profileFlags(name),
                        runDir.resolve(fileName(name) + ".log"),
                        log4j);
        int exit;
        try {
            exit = child.await(options.phaseTimeoutSeconds());
        } catch (IllegalStateException timedOut) {
            failures.put(name, timedOut.getMessage() + "\n" + child.logTail(15));
            log("  " + name + " FAILED: " + timedOut.getMessage());
            return false;
        }
        long serverAfter = ProcCpu.ofPid(server.pid());
        try {
            if (!Files.exists(marks)) {
                throw new IllegalStateException("exit code " + exit + ", no result file");
            }
            PhaseResult r = PhaseResult.from(name, marks, serverAfter - serverBefore);
            rounds.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            summarizeProfile(name, marks);
            Path threadFile = marks.resolveSibling(marks.getFileName() + ".threads");
            if (Files.exists(threadFile)) {
                threads.put(name, Files.readAllLines(threadFile));
            }
            log(
                    String.format(
                            "  %s: %.0f rows/s steady, %.0f rows/s end-to-end, %.1f µs CPU/row"
                                    + " (server %.1f)",
                            name,
                            r.steadyRowsPerSecond,
                            r.endToEndRowsPerSecond,
                            r.cpuMicrosPerRowSteady,
                            r.serverCpuMicrosPerRowSteady));
            return true;
        } catch (RuntimeException e) {
            failures.put(name, e.getMessage() + "\n" + child.logTail(15));
            log("  " + name + " FAILED: " + e.getMessage() + " (log: " + child.log() + ")");
            return false;
        }
    }

    /**
     * Lets the server start every phase in the same state: asks it for a full garbage collection
     * (SIGUSR2; kinesalite-server.js does it when node runs with --expose-gc, as run.sh starts it)
     * and waits until it is idle (no CPU tick for 0.5 s). Without this, the records of a stream
     * deleted after one phase were collected during the next one and charged to it (seen as up to
     * 15% more server CPU per record in whichever phase came next).
     */
    private void settleServer() throws IOException, InterruptedException {
        long before = ProcCpu.ofPid(server.pid());
        Process kill =
                new ProcessBuilder("kill", "-USR2", Long.toString(server.pid()))
                        .redirectErrorStream(true)
                        .start();
        kill.getInputStream().readAllBytes();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("could not signal the server " + server.pid());
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        long last = -1;
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            long now = ProcCpu.ofPid(server.pid());
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        log(
                String.format(
                        "  server settled (%.2f s of its CPU to collect garbage)",
                        (last - before) / 1e9));
    }

    /** With --profile: the steady-state hot spots of the phase's recording, next to its log. */
    private void summarizeProfile(String name, Path marks) {
        Path jfr = runDir.resolve(fileName(name) + ".jfr");
        if (!options.profile() || !Files.exists(jfr)) {
            return;
        }
        try {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newInputStream(marks)) {
                p.load(in);
            }
            long from = Long.parseLong(p.getProperty(Marks.FIRST_MILLIS, "0"));
            long to =
                    Long.parseLong(p.getProperty(Marks.LAST_MILLIS, Long.toString(Long.MAX_VALUE)));
            Files.writeString(
                    runDir.resolve(fileName(name) + ".hotspots.txt"),
                    JfrHotspots.summarize(jfr, from, to, 30));
        } catch (IOException | RuntimeException e) {
            log("  could not summarize " + jfr + ": " + e);
        }
    }

    /** JFR's sampling profiler (about 1% overhead) when --profile is given. */
    private List<String> profileFlags(String name) {
        if (!options.profile()) {
            return List.of();
        }
        return List.of(
                "-XX:StartFlightRecording=settings=profile,filename="
                        + runDir.resolve(fileName(name) + ".jfr"));
    }

    private void checkStream(String name, String stream) {
        StreamAdmin.Contents c = admin.readAll(stream, options.rows());
        String verdict =
                c.records() == options.rows() && c.distinctIds() == options.rows()
                        ? "stream holds exactly " + c.records() + " records, all ids"
                        : "MISMATCH: stream holds "
                                + c.records()
                                + " records, "
                                + c.distinctIds()
                                + " distinct ids of "
                                + options.rows();
        checks.put(
                checkName(name),
                verdict
                        + String.format(
                                " (%.1f bytes/record)",
                                (double) c.bytes() / Math.max(1, c.records())));
        log("  check " + name + ": " + checks.get(checkName(name)));
    }

    private String sourceStream() {
        return SOURCE_STREAM + "-r" + round;
    }

    private String checkName(String phase) {
        return options.repeat() > 1 ? phase + " (round " + round + ")" : phase;
    }

    static String classPath(String flavour) throws IOException {
        if (flavour.equals("ours")) {
            return ownClassPath();
        }
        Path runner = ProjectPaths.projectRoot().resolve("benchmarks/official-runner/target");
        Path cpFile = runner.resolve("classpath.txt");
        if (!Files.isRegularFile(cpFile)) {
            throw new IllegalStateException(
                    cpFile
                            + " is missing: build with benchmarks/run.sh (mvn -Pbenchmarks package)");
        }
        // official-runner compiles nothing: its class path holds the benchmarks-job jar
        return Files.readString(cpFile).trim();
    }

    static String ownClassPath() {
        return System.getProperty("java.class.path");
    }

    private static String label(String flavour) {
        return flavour.equals("ours") ? "our" : "official";
    }

    /** Files of a phase: its slug, with the round when there are several. */
    private String fileName(String phase) {
        return slug(phase) + (options.repeat() > 1 && round > 0 ? "-r" + round : "");
    }

    static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException e) {
            m.put("cpu", "unknown");
        }
        m.put(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("commit", gitCommit());
        return m;
    }

    /** Which Flink and official connector versions were measured, read from the class paths. */
    private String versions() {
        String ours = "ours on Flink " + jarVersion(ownClassPath(), "flink-core");
        try {
            String official = classPath("official");
            return ours
                    + "; official: flink-connector-kinesis "
                    + jarVersion(official, "flink-connector-kinesis")
                    + " on Flink "
                    + jarVersion(official, "flink-core");
        } catch (IOException | RuntimeException e) {
            return ours;
        }
    }

    /** The version in {@code artifact-VERSION.jar} on a class path, or "?". */
    static String jarVersion(String classPath, String artifact) {
        for (String entry : classPath.split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (file.startsWith(artifact + "-")
                    && file.endsWith(".jar")
                    && Character.isDigit(file.charAt(artifact.length() + 1))) {
                return file.substring(artifact.length() + 1, file.length() - ".jar".length());
            }
        }
        return "?";
    }

    /** The measured code's commit (and whether the checkout had local changes). */
    private static String gitCommit() {
        try {
            Process git =
                    new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12")
                            .directory(ProjectPaths.projectRoot().toFile())
                            .redirectErrorStream(true)
                            .start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return git.waitFor() == 0 ? out.trim() : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }
}
