package io.github.flinkkinesis.kinesis.table;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.FlinkVersion;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrong-jar check. The connector has one jar per Flink line, because the Sink V2 API differs
 * between Flink 1.20 and 2.x: a jar built for the other line still loads, plans and submits a job,
 * and fails only in a task (on 1.20 the 2.x jar's element converter is never opened; on 2.x the
 * 1.20 jar misses {@code Sink.InitContext}). So the table factory calls {@link
 * #checkRunningFlink()} before it creates a source or sink, and a wrong jar fails when the
 * statement is planned, with a message that names both versions and the jar to use.
 *
 * <p>The line the jar is built for is written into {@value #RESOURCE} by the build (Maven resource
 * filtering); the Flink that runs is {@link FlinkVersion#current()}, public API in {@code
 * flink-annotations}, which every Flink class path has.
 */
@Internal
public final class FlinkLineCheck {

    static final String RESOURCE = "flink-line.properties";

    private static final Logger LOG = LoggerFactory.getLogger(FlinkLineCheck.class);

    /** The Flink lines this project builds a connector jar for. */
    enum Line {
        FLINK_1_20("1.20", "sql-flink-1.20", "Flink 1.20"),
        FLINK_2("2", "sql", "Flink 2.0 to 2.3");

        final String id;
        final String sqlClassifier;
        final String flinkVersions;

        Line(String id, String sqlClassifier, String flinkVersions) {
            this.id = id;
            this.sqlClassifier = sqlClassifier;
            this.flinkVersions = flinkVersions;
        }

        /** The line of a build's {@code flink.line} property. */
        static Optional<Line> byId(String id) {
            for (Line line : values()) {
                if (line.id.equals(id)) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        }

        /** The line whose jar runs on Flink {@code version} ("1.20", "2.3", "2.0.0"), if any. */
        static Optional<Line> runningOn(String version) {
            if (version.equals("1.20") || version.startsWith("1.20.")) {
                return Optional.of(FLINK_1_20);
            }
            return version.startsWith("2.") ? Optional.of(FLINK_2) : Optional.empty();
        }

        String sqlJar(String artifact) {
            return artifact + "-" + sqlClassifier + ".jar";
        }
    }

    /** What the build wrote into {@value #RESOURCE}. */
    record Build(String line, String flinkVersion, String artifact, String sqlClassifier) {}

    private FlinkLineCheck() {}

    /**
     * Fails with a {@link ValidationException} when this jar is built for another Flink line than
     * the one running it. The answer is computed once per class loader.
     */
    public static void checkRunningFlink() {
        Checked.PROBLEM.ifPresent(
                message -> {
                    throw new ValidationException(message);
                });
    }

    /** The problem of running jar {@code build} on Flink {@code running}, if there is one. */
    static Optional<String> problem(Build build, String running) {
        Optional<Line> built = Line.byId(build.line());
        if (built.isEmpty()) {
            return Optional.of(
                    "This Kinesis connector jar names an unknown Flink line '"
                            + build.line()
                            + "' in its "
                            + RESOURCE
                            + ": it is not a jar this project built.");
        }
        Optional<Line> needed = Line.runningOn(running);
        if (needed.equals(built)) {
            return Optional.empty();
        }
        String thisJar = built.get().sqlJar(build.artifact());
        String start =
                "This Kinesis connector jar ("
                        + thisJar
                        + ") is built for "
                        + built.get().flinkVersions
                        + " (compiled against Flink "
                        + build.flinkVersion()
                        + "), but this is Flink "
                        + running
                        + ". ";
        if (needed.isPresent()) {
            return Optional.of(
                    start
                            + "Use "
                            + needed.get().sqlJar(build.artifact())
                            + ", the jar for "
                            + needed.get().flinkVersions
                            + ", instead (docs/compatibility.md).");
        }
        StringBuilder jars = new StringBuilder();
        for (Line line : Line.values()) {
            jars.append(jars.length() == 0 ? "" : "; ")
                    .append(line.flinkVersions)
                    .append(": ")
                    .append(line.sqlJar(build.artifact()));
        }
        return Optional.of(
                start
                        + "No jar of this connector supports that Flink version. The jars: "
                        + jars
                        + " (docs/compatibility.md).");
    }

    /** The build's record of this jar, or empty when the resource is missing or unfiltered. */
    static Optional<Build> thisJar() {
        Properties p = new Properties();
        try (InputStream in = FlinkLineCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        Build build =
                new Build(
                        p.getProperty("flink.line", ""),
                        p.getProperty("flink.version", ""),
                        p.getProperty("artifact", ""),
                        p.getProperty("sql.classifier", ""));
        return build.line().isEmpty() || build.line().contains("${")
                ? Optional.empty()
                : Optional.of(build);
    }

    /** The running Flink's version, "major.minor" ("1.20", "2.3"). */
    static String runningFlink() {
        return FlinkVersion.current().toString();
    }

    private static final class Checked {
        static final Optional<String> PROBLEM = compute();

        private static Optional<String> compute() {
            Optional<Build> build = thisJar();
            if (build.isEmpty()) {
                // a jar not built by Maven (an IDE without resource filtering): nothing to check
                LOG.warn(
                        "No Flink line recorded in {} of the Kinesis connector: the check that"
                                + " the jar fits this Flink version is skipped.",
                        RESOURCE);
                return Optional.empty();
            }
            return problem(build.get(), runningFlink());
        }
    }
}
