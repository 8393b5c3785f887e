package io.github.flinkkinesis.testing.front;

import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a {@link QuotaFront} in front of a running Kinesis server, for the demo, benchmarks and
 * manual use: prints {@code quota front listening at http://127.0.0.1:PORT} once it serves, serves
 * its counts at {@code GET /front/counts}, and prints them as one JSON line when stopped (SIGTERM
 * or Ctrl-C).
 *
 * <pre>
 * QuotaFrontMain --backend http://127.0.0.1:4567 [--port N] [write.records-per-second=200 ...]
 * </pre>
 */
public final class QuotaFrontMain {

    private QuotaFrontMain() {}

    public static void main(String[] args) throws InterruptedException {
        URI backend = null;
        int port = 0;
        QuotaFrontConfig config = QuotaFrontConfig.aws();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--backend") && i + 1 < args.length) {
                    backend = URI.create(args[++i]);
                } else if (arg.equals("--port") && i + 1 < args.length) {
                    port = Integer.parseInt(args[++i]);
                } else if (arg.contains("=")) {
                    config =
                            config.withOption(
                                    arg.substring(0, arg.indexOf('=')),
                                    arg.substring(arg.indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("Unknown argument '" + arg + "'");
                }
            }
            if (backend == null) {
                throw new IllegalArgumentException("--backend URL is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(
                    "usage: QuotaFrontMain --backend http://127.0.0.1:PORT [--port N]"
                            + " [KEY=VALUE ...] with keys:");
            QuotaFrontConfig.KEYS.forEach((k, v) -> System.err.println("  " + k + ": " + v));
            System.exit(2);
            return;
        }
        QuotaFront front = QuotaFront.start(backend, config, port, System::nanoTime);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println(front.counts().toJson());
                                    front.close();
                                    stopped.countDown();
                                },
                                "stop-quota-front"));
        System.out.println("quota front listening at " + front.endpoint() + " -> " + backend);
        System.out.println("limits and faults: " + config);
        System.out.flush();
        stopped.await();
    }
}
