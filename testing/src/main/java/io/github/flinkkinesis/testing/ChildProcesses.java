package io.github.flinkkinesis.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child processes that must not outlive the JVM that started them (a local server, the JVMs of a
 * Flink cluster). {@link #close()} stops each one still running, the one added last first: SIGTERM
 * to all, then SIGKILL to those that have not ended after the grace period. A JVM shutdown hook
 * does the same when {@code close()} is never reached, e.g. when a test run is interrupted.
 */
public final class ChildProcesses implements AutoCloseable {

    private final Duration grace;
    private final Deque<Process> processes = new ArrayDeque<>();
    private final Thread shutdownHook;

    /**
     * @param name names the shutdown hook's thread
     * @param grace how long a process may take to end after SIGTERM
     */
    public ChildProcesses(String name, Duration grace) {
        this.grace = grace;
        this.shutdownHook = new Thread(this::stopAll, name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Adds {@code process} to those to stop, and returns it. */
    public synchronized Process add(Process process) {
        processes.push(process);
        return process;
    }

    /** Stops the processes still running and removes the shutdown hook. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run already
        }
    }

    private void stopAll() {
        List<Process> running;
        synchronized (this) {
            running = new ArrayList<>(processes);
            processes.clear();
        }
        // SIGTERM to all first, so that their shutdowns overlap
        running.stream().filter(Process::isAlive).forEach(Process::destroy);
        for (Process p : running) {
            try {
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
