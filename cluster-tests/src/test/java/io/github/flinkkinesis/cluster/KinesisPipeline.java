package io.github.flinkkinesis.cluster;

import io.github.flinkkinesis.examples.DemoStreams;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One Kinesis to Kinesis pipeline on a local Kinesis server: its input and output streams ({@code
 * NAME-in}, {@code NAME-out}), the SQL that connects them ({@code kinesis-to-kinesis.sql}), and the
 * SDK client with which the test feeds the input and reads both streams back.
 *
 * <p>The SQL names only streams and formats, as a table on AWS does: the cluster's processes find
 * the region, the credentials and the Kinesis endpoint through the AWS SDK's default chains, in
 * their environment ({@link #cluster}).
 */
final class KinesisPipeline implements AutoCloseable {

    private static final String SQL = "/kinesis-to-kinesis.sql";

    private final String in;
    private final String out;
    private final DemoStreams streams;

    private KinesisPipeline(URI endpoint, String name) {
        this.in = name + "-in";
        this.out = name + "-out";
        this.streams = new DemoStreams(endpoint);
    }

    /**
     * A cluster whose processes reach the Kinesis server at {@code endpoint} through the SDK's
     * default chains: {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
     * and {@code AWS_ENDPOINT_URL_KINESIS} (and CBOR off: kinesalite reads JSON only).
     */
    static FlinkCluster.Builder cluster(URI endpoint) {
        return FlinkCluster.builder()
                .jvmOption("-Daws.cborEnabled=false")
                .environment("AWS_REGION", "us-east-1")
                .environment("AWS_ACCESS_KEY_ID", "local")
                .environment("AWS_SECRET_ACCESS_KEY", "local")
                .environment("AWS_ENDPOINT_URL_KINESIS", endpoint.toString());
    }

    /** Creates both streams, with {@code shards} shards each, and waits until they are ACTIVE. */
    static KinesisPipeline create(URI endpoint, String name, int shards)
            throws InterruptedException {
        KinesisPipeline pipeline = new KinesisPipeline(endpoint, name);
        pipeline.streams.createStream(pipeline.in, shards);
        pipeline.streams.createStream(pipeline.out, shards);
        return pipeline;
    }

    String in() {
        return in;
    }

    /**
     * Writes the job's SQL script into {@code dir} and returns it; with a {@code savepoint}, the
     * job resumes from it ({@code SET 'execution.savepoint.path'}).
     */
    Path sql(Path dir, String savepoint) throws IOException {
        String sql;
        try (InputStream s = KinesisPipeline.class.getResourceAsStream(SQL)) {
            sql = new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
        sql = sql.replace("${IN_STREAM}", in).replace("${OUT_STREAM}", out);
        String name = in + "-" + System.nanoTime() + ".sql";
        if (savepoint != null) {
            sql = "SET 'execution.savepoint.path' = '" + savepoint + "';\n\n" + sql;
            name = "resume-" + name;
        }
        Path file = dir.resolve(name);
        Files.writeString(file, sql, StandardCharsets.UTF_8);
        return file;
    }

    /** Starts a producer of records with ids 0, 1, ... into the input stream. */
    Producer produce(Producer.Pace pace) {
        return new Producer(streams.client(), in, pace).start();
    }

    /** Every record of the input stream, as GetRecords reports it. */
    List<StreamReader.KinesisRecord> readInput() {
        return new StreamReader(streams.client(), in).poll();
    }

    /** Follows the output stream from its oldest record on. */
    Output followOutput() {
        return new Output(new StreamReader(streams.client(), out));
    }

    /** The rows of the output stream seen so far; {@link #poll()} reads what is new. */
    static final class Output {
        private final StreamReader reader;
        private final List<OutputRow> rows = new ArrayList<>();
        private final Set<Long> ids = new HashSet<>();

        private Output(StreamReader reader) {
            this.reader = reader;
        }

        /** Reads the rows that arrived since the last call. */
        void poll() {
            for (StreamReader.KinesisRecord r : reader.poll()) {
                OutputRow row = OutputRow.of(r);
                rows.add(row);
                ids.add(row.id());
            }
        }

        /** Every row seen, duplicates included, in the order read. */
        List<OutputRow> rows() {
            return rows;
        }

        int distinctIds() {
            return ids.size();
        }

        /**
         * Polls until the ids 0 to {@code count} - 1 have all arrived or {@code timeout} passed;
         * returns whether they all arrived (the caller's checks then say what is missing).
         */
        boolean awaitIds(long count, Duration timeout) throws InterruptedException {
            return Await.within(
                    timeout,
                    () -> {
                        poll();
                        return ids.stream().filter(id -> id >= 0 && id < count).count() == count;
                    });
        }
    }

    @Override
    public void close() {
        streams.close();
    }
}
