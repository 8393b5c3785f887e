package io.github.flinkkinesis.benchmarks;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Command-line options of the harness.
 *
 * @param rows rows per throughput phase
 * @param parallelism Flink parallelism of every measured job (ours and official alike)
 * @param flavours which connectors to measure: ours, official or both
 * @param latencyRate rows/s put during the latency phases
 * @param latencySeconds length of each latency phase (0 skips latency)
 * @param withoutMetadataPhase also run our source without metadata columns
 * @param phaseTimeoutSeconds a child JVM still running after this is killed
 * @param outDir run folder for logs, raw results and the report
 * @param profile record a Java Flight Recording of every measured JVM into the run folder
 * @param repeat rounds of all throughput phases; the report shows each figure's median
 * @param flinkConf extra Flink settings (KEY=VALUE) for every measured job, ours and official
 */
public record HarnessOptions(
        long rows,
        int parallelism,
        List<String> flavours,
        int latencyRate,
        int latencySeconds,
        boolean withoutMetadataPhase,
        long phaseTimeoutSeconds,
        Path outDir,
        boolean profile,
        int repeat,
        List<String> flinkConf) {

    static final String USAGE =
            "usage: run.sh [--rows N (1000000)] [--parallelism P (1)] [--only ours|official]"
                    + " [--latency-rate ROWS_PER_S (1000)] [--latency-seconds S (20, 0 = skip)]"
                    + " [--no-metadata-phase] [--phase-timeout S (900)] [--out DIR] [--profile] [--repeat R (1)]"
                    + " [--flink-conf KEY=VALUE ...]";

    static HarnessOptions parse(String[] args) {
        long rows = 1_000_000;
        int parallelism = 1;
        List<String> flavours = List.of("ours", "official");
        int latencyRate = 1000;
        int latencySeconds = 20;
        boolean noMeta = true;
        long timeout = 900;
        Path out = null;
        boolean profile = false;
        int repeat = 1;
        List<String> flinkConf = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rows" -> rows = Long.parseLong(value(args, ++i, a));
                case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i, a));
                case "--only" -> {
                    String f = value(args, ++i, a);
                    if (!f.equals("ours") && !f.equals("official")) {
                        throw new IllegalArgumentException("--only takes ours or official: " + f);
                    }
                    flavours = List.of(f);
                }
                case "--latency-rate" -> latencyRate = Integer.parseInt(value(args, ++i, a));
                case "--latency-seconds" -> latencySeconds = Integer.parseInt(value(args, ++i, a));
                case "--no-metadata-phase" -> noMeta = false;
                case "--phase-timeout" -> timeout = Long.parseLong(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--profile" -> profile = true;
                case "--repeat" -> repeat = Integer.parseInt(value(args, ++i, a));
                case "--flink-conf" -> {
                    String kv = value(args, ++i, a);
                    if (kv.indexOf('=') < 1) {
                        throw new IllegalArgumentException(
                                "--flink-conf takes KEY=VALUE, e.g. pipeline.object-reuse=true: "
                                        + kv);
                    }
                    flinkConf.add(kv);
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (rows < 1000 || rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--rows must be between 1000 and 2^31-1: " + rows);
        }
        if (repeat < 1 || repeat > 9) {
            throw new IllegalArgumentException("--repeat must be between 1 and 9: " + repeat);
        }
        if (latencyRate < 100 || latencyRate % 100 != 0) {
            throw new IllegalArgumentException(
                    "--latency-rate must be a multiple of 100 rows/s (puts every 10 ms): "
                            + latencyRate);
        }
        if (out == null) {
            out =
                    Path.of(
                            "benchmarks/target/runs",
                            LocalDateTime.now()
                                    .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return new HarnessOptions(
                rows,
                parallelism,
                flavours,
                latencyRate,
                latencySeconds,
                noMeta,
                timeout,
                out.toAbsolutePath(),
                profile,
                repeat,
                List.copyOf(flinkConf));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
