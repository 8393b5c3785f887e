package io.github.flinkkinesis.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Installs the pinned npm packages of the local servers with {@code npm ci} when they are missing
 * or older than the lockfile. A file lock keeps concurrent test JVMs from installing twice.
 */
final class NpmInstall {

    private NpmInstall() {}

    static synchronized void ensureInstalled(Path serversDir) {
        Path lockfile = serversDir.resolve("package-lock.json");
        Path marker = serversDir.resolve("node_modules/.package-lock.json");
        if (isFresh(lockfile, marker)) {
            return;
        }
        try (FileChannel channel =
                        FileChannel.open(
                                serversDir.resolve(".install.lock"),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (isFresh(lockfile, marker)) {
                return;
            }
            Path log = Files.createTempFile("npm-ci-", ".log");
            Process npm =
                    new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                            .directory(serversDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException(
                        "'npm ci' failed in "
                                + serversDir
                                + " (Node.js 18+ and npm with access to the npm registry are"
                                + " needed). Its output:\n"
                                + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not run 'npm ci' in "
                            + serversDir
                            + ": "
                            + e.getMessage()
                            + ". Install Node.js 18+ and npm, then run test-servers/install.sh",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running npm ci", e);
        }
    }

    private static boolean isFresh(Path lockfile, Path marker) {
        try {
            return Files.exists(marker)
                    && Files.getLastModifiedTime(marker)
                                    .compareTo(Files.getLastModifiedTime(lockfile))
                            >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
