package io.github.flinkkinesis.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One local AWS-compatible server process (kinesalite, kinesis-local or moto) bound to 127.0.0.1 on
 * a free port.
 *
 * <p>Lifecycle: {@link #start} installs the npm packages if needed, launches the process directly
 * (so its PID is the server's own), waits until its port accepts connections and fails fast, with
 * the tail of its log, if the process dies first. {@link #close} sends SIGTERM, then SIGKILL after
 * a grace period. A JVM shutdown hook stops servers a test forgot.
 */
public final class LocalServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ServerKind kind;
    private final Process process;
    private final int port;
    private final Path log;
    private final ChildProcesses children;

    private LocalServer(ServerKind kind, Process process, int port, Path log) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.log = log;
        this.children = new ChildProcesses("stop-" + kind.displayName(), STOP_GRACE);
        children.add(process);
    }

    /** Starts a server of {@code kind} and returns once it answers on its port. */
    public static LocalServer start(ServerKind kind) {
        Path serversDir = ProjectPaths.serversDir();
        if (kind != ServerKind.MOTO) {
            NpmInstall.ensureInstalled(serversDir);
        }
        // a free port is only free until someone else binds it: on a busy machine another test JVM
        // can take it between the probe and the server's bind, so a lost race is retried
        for (int attempt = 1; ; attempt++) {
            LocalServer server = launch(kind, serversDir);
            try {
                server.awaitListening(serversDir);
                return server;
            } catch (PortTakenException e) {
                if (attempt >= 3) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    private static LocalServer launch(ServerKind kind, Path serversDir) {
        int port = freePort();
        int secondPort = freePort();
        while (secondPort == port) {
            secondPort = freePort();
        }
        Path log;
        Process process;
        try {
            log = Files.createTempFile(kind.displayName() + "-" + port + "-", ".log");
            ProcessBuilder pb = new ProcessBuilder(kind.command(serversDir, port));
            kind.environment(serversDir, port, secondPort, pb.environment());
            pb.directory(serversDir.toFile());
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start "
                            + kind.displayName()
                            + " for the "
                            + kind.service()
                            + " tests: "
                            + e.getMessage()
                            + ". "
                            + kind.howToInstall(serversDir),
                    e);
        }
        return new LocalServer(kind, process, port, log);
    }

    /** The server could not bind its port because another process took it first. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }

    public ServerKind kind() {
        return kind;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The endpoint override for SDK clients, e.g. {@code http://127.0.0.1:4567}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path logFile() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        children.close();
    }

    private void awaitListening(Path serversDir) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                failStarting(serversDir);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException notYet) {
                sleep(100);
                continue;
            }
            // something answers; make sure it is our server and not a process that took the port
            sleep(150);
            if (!process.isAlive()) {
                failStarting(serversDir);
            }
            return;
        }
        String tail = logTail();
        close();
        throw new IllegalStateException(
                kind.displayName()
                        + " did not listen on 127.0.0.1:"
                        + port
                        + " within "
                        + STARTUP_TIMEOUT.toSeconds()
                        + " s. Its output:\n"
                        + tail);
    }

    private void failStarting(Path serversDir) {
        String tail = logTail();
        close();
        String message =
                kind.displayName()
                        + " exited with code "
                        + process.exitValue()
                        + " before listening on 127.0.0.1:"
                        + port
                        + ". "
                        + kind.howToInstall(serversDir)
                        + ". Its output:\n"
                        + tail;
        String lower = tail.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("eaddrinuse") || lower.contains("address already in use")) {
            throw new PortTakenException(message);
        }
        throw new IllegalStateException(message);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a local server", e);
        }
    }

    @Override
    public String toString() {
        return kind.displayName() + "@" + endpoint() + " (pid " + pid() + ")";
    }
}
