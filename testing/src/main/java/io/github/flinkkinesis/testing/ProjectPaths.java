package io.github.flinkkinesis.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the project's {@code test-servers} folder from wherever a test or tool runs. */
public final class ProjectPaths {

    /** System property or environment variable that names the folder explicitly. */
    public static final String SERVERS_DIR_PROPERTY = "flinkkinesis.servers.dir";

    public static final String SERVERS_DIR_ENV = "FLINK_KINESIS_SERVERS_DIR";

    private ProjectPaths() {}

    /**
     * The folder holding package.json, the lockfile and the launch scripts of the local servers.
     */
    public static Path serversDir() {
        String explicit = System.getProperty(SERVERS_DIR_PROPERTY, System.getenv(SERVERS_DIR_ENV));
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit).toAbsolutePath();
        }
        return projectRoot().resolve("test-servers");
    }

    /**
     * The checkout's root: the nearest folder at or above the working directory with test-servers/.
     */
    public static Path projectRoot() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("test-servers/package.json"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "Cannot find test-servers/package.json at or above "
                        + dir
                        + ": run from inside the project checkout, or set -D"
                        + SERVERS_DIR_PROPERTY
                        + " (or "
                        + SERVERS_DIR_ENV
                        + ") to the test-servers folder");
    }
}
