package io.github.flinkkinesis.benchmarks.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DDL of the benchmark tables for one connector flavour. Both flavours read and write the same
 * ~100-byte JSON rows; option keys differ where the connectors differ.
 */
final class SqlTables {

    /** The payload, as written by the raw loop and by datagen. */
    static final String PAYLOAD_COLUMNS = "id, name, amount, qty, ts";

    private static final String PAYLOAD_DDL =
            "id BIGINT, name STRING, amount DOUBLE, qty INT, ts TIMESTAMP(3)";

    private static final String METADATA_DDL =
            ", arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL"
                    + ", shard_id STRING METADATA FROM 'shard-id' VIRTUAL"
                    + ", seq STRING METADATA FROM 'sequence-number' VIRTUAL";

    private final String flavour;
    private final String endpoint;
    private final String stream;
    private final boolean metadata;

    /** Extra options of the kinesis table (e.g. {@code sink.aggregation.enabled}), in order. */
    private final Map<String, String> extraOptions;

    SqlTables(String flavour, String endpoint, String stream, boolean metadata) {
        this(flavour, endpoint, stream, metadata, Map.of());
    }

    SqlTables(
            String flavour,
            String endpoint,
            String stream,
            boolean metadata,
            Map<String, String> extraOptions) {
        if (!flavour.equals("ours") && !flavour.equals("official")) {
            throw new IllegalArgumentException("flavour must be ours or official: " + flavour);
        }
        this.flavour = flavour;
        this.endpoint = endpoint;
        this.stream = stream;
        this.metadata = metadata;
        this.extraOptions = new LinkedHashMap<>(extraOptions);
    }

    /** N rows with unique ids 1..N, as fast as the sink takes them (~100 bytes each in JSON). */
    static String datagenDdl(String name, long rows) {
        return datagenDdl(name, rows, 20);
    }

    /** The same with a {@code name} of {@code nameLength} characters (larger records). */
    static String datagenDdl(String name, long rows, int nameLength) {
        return "CREATE TABLE "
                + name
                + " ("
                + PAYLOAD_DDL
                + ") WITH ('connector'='datagen', 'rows-per-second'='1000000000',"
                + " 'fields.id.kind'='sequence', 'fields.id.start'='1', 'fields.id.end'='"
                + rows
                + "', 'fields.name.length'='"
                + nameLength
                + "', 'fields.amount.min'='0',"
                + " 'fields.amount.max'='1000', 'fields.qty.min'='0', 'fields.qty.max'='1000')";
    }

    String kinesisDdl(String name, boolean source, boolean bounded) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(name).append(" (");
        ddl.append(PAYLOAD_DDL);
        if (source && metadata) {
            ddl.append(METADATA_DDL);
        }
        ddl.append(") WITH ('connector'='kinesis', 'format'='json', 'aws.region'='us-east-1'");
        ddl.append(", 'aws.endpoint'='").append(endpoint).append("'");
        // kinesalite accepts any key; these are placeholders, not credentials
        ddl.append(", 'aws.credentials.provider'='BASIC'");
        ddl.append(", 'aws.credentials.basic.accesskeyid'='bench'");
        ddl.append(", 'aws.credentials.basic.secretkey'='bench'");
        if (flavour.equals("ours")) {
            ddl.append(", 'stream.arn'='").append(stream).append("'");
            if (source) {
                ddl.append(", 'source.init.position'='TRIM_HORIZON'");
                if (bounded) {
                    ddl.append(", 'source.stop.position'='LATEST'");
                }
            }
        } else {
            ddl.append(", 'stream'='").append(stream).append("'");
            if (source) {
                ddl.append(", 'scan.stream.initpos'='TRIM_HORIZON'");
            } else {
                // its sink's async client defaults to HTTP/2, which kinesalite does not speak
                ddl.append(", 'aws.http.protocol.version'='HTTP1_1'");
            }
        }
        extraOptions.forEach(
                (k, v) -> ddl.append(", '").append(k).append("'='").append(v).append("'"));
        return ddl.append(")").toString();
    }

    String blackholeDdl(String name) {
        return "CREATE TABLE "
                + name
                + " ("
                + PAYLOAD_DDL
                + (metadata ? ", arrival TIMESTAMP_LTZ(3), shard_id STRING, seq STRING" : "")
                + ") WITH ('connector'='blackhole')";
    }
}
