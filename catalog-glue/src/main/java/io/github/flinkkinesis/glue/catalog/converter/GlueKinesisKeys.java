package io.github.flinkkinesis.glue.catalog.converter;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.factories.FactoryUtil;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Glue's own description of a Kinesis table ({@code typeOfData=kinesis}, {@code streamARN} or
 * {@code streamName}, {@code classification}, SerDe), in both directions.
 *
 * <p>Writing: a Flink {@code kinesis} table also gets these keys, so Glue, Athena and Glue ETL
 * tools recognise it as a Kinesis table. Reading: a Glue table that has them but no Flink schema
 * (created in the Glue console, by CloudFormation or a crawler) becomes a queryable Flink {@code
 * kinesis} table: {@code stream.arn} from the ARN (or the name), {@code format} from the
 * classification.
 */
@Internal
public final class GlueKinesisKeys {

    static final String TYPE_OF_DATA = "typeOfData";
    static final String KINESIS = "kinesis";
    static final String STREAM_ARN = "streamARN";
    static final String STREAM_NAME = "streamName";
    static final String CLASSIFICATION = "classification";

    static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    static final String CSV_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String AVRO_SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";
    static final String INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat";
    static final String OUTPUT_FORMAT =
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    /**
     * The connector identifier of Kinesis tables. The catalog does not depend on the connector, so
     * it spells the connector's identifier and keys itself; GlueKinesisKeysPinTest pins them to the
     * connector's factory.
     */
    static final String CONNECTOR = "kinesis";

    /** The connector's option that names the stream (its ARN or name). */
    static final String STREAM_OPTION = "stream.arn";

    /** The older connector's key for the stream, which the connector accepts as a fallback. */
    static final String LEGACY_STREAM_OPTION = "stream";

    private GlueKinesisKeys() {}

    /** True if {@code options} describe a table of the {@code kinesis} connector. */
    public static boolean isKinesisTable(Map<String, String> options) {
        return CONNECTOR.equals(options.get(FactoryUtil.CONNECTOR.key()));
    }

    /**
     * The one stream of a Flink kinesis table: {@code stream.arn}, else the legacy {@code stream};
     * empty for a table of several streams (a ';' list, or {@code stream-pattern}), which Glue,
     * Athena and Glue ETL cannot describe: such a table is stored as a Flink table only.
     */
    static Optional<String> stream(Map<String, String> options) {
        String stream = options.get(STREAM_OPTION);
        if (stream == null) {
            stream = options.get(LEGACY_STREAM_OPTION);
        }
        return Optional.ofNullable(stream).filter(s -> !s.contains(";"));
    }

    /**
     * The Glue table parameters that mark a Flink kinesis table of one stream for other AWS tools
     * (none for a table of several streams).
     */
    static Map<String, String> tableParameters(Map<String, String> options) {
        Map<String, String> params = new LinkedHashMap<>();
        if (stream(options).isEmpty()) {
            return params;
        }
        params.put(TYPE_OF_DATA, KINESIS);
        format(options).ifPresent(f -> params.put(CLASSIFICATION, f));
        stream(options)
                .ifPresent(
                        s -> {
                            if (s.startsWith("arn:")) {
                                params.put(STREAM_ARN, s);
                            }
                            params.put(STREAM_NAME, streamName(s));
                        });
        return params;
    }

    /**
     * The storage descriptor parts (location, SerDe, formats) of a Flink kinesis table of one
     * stream (nothing for a table of several streams).
     */
    static void describeStorage(Map<String, String> options, StorageDescriptor.Builder sd) {
        if (stream(options).isEmpty()) {
            return;
        }
        Map<String, String> params = tableParameters(options);
        params.remove(CLASSIFICATION);
        sd.parameters(params);
        stream(options).ifPresent(sd::location);
        sd.inputFormat(INPUT_FORMAT).outputFormat(OUTPUT_FORMAT);
        format(options)
                .map(GlueKinesisKeys::serde)
                .ifPresent(
                        lib -> sd.serdeInfo(SerDeInfo.builder().serializationLibrary(lib).build()));
    }

    /** True if a Glue table not written by Flink describes a Kinesis stream. */
    static boolean isGlueKinesisTable(Table table) {
        return KINESIS.equalsIgnoreCase(lookup(table, TYPE_OF_DATA));
    }

    /** The Flink options of a Kinesis table that another tool created in Glue. */
    static Map<String, String> flinkOptions(Table table) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(FactoryUtil.CONNECTOR.key(), CONNECTOR);
        String stream = lookup(table, STREAM_ARN);
        if (stream == null) {
            stream = lookup(table, STREAM_NAME);
        }
        if (stream == null) {
            throw new CatalogException(
                    "Glue table "
                            + table.databaseName()
                            + "."
                            + table.name()
                            + " has typeOfData=kinesis but neither '"
                            + STREAM_ARN
                            + "' nor '"
                            + STREAM_NAME
                            + "' in its parameters: add one of them in Glue.");
        }
        options.put(STREAM_OPTION, stream);
        String classification = lookup(table, CLASSIFICATION);
        if (classification == null) {
            String serde = serdeLibrary(table);
            classification =
                    JSON_SERDE.equals(serde) || (serde != null && serde.contains("JsonSerDe"))
                            ? "json"
                            : (serde != null && serde.contains("Avro") ? "avro" : null);
        }
        if (classification == null) {
            throw new CatalogException(
                    "Glue table "
                            + table.databaseName()
                            + "."
                            + table.name()
                            + " is a Kinesis table without a '"
                            + CLASSIFICATION
                            + "' parameter or a known SerDe: set classification to json, csv or"
                            + " avro in Glue.");
        }
        String format = classification.toLowerCase(Locale.ROOT);
        options.put(FactoryUtil.FORMAT.key(), format);
        if ("csv".equals(format)) {
            String delimiter = serdeParameter(table, "field.delim");
            if (delimiter != null) {
                options.put("csv.field-delimiter", delimiter);
            }
        }
        return options;
    }

    private static Optional<String> format(Map<String, String> options) {
        String format = options.get(FactoryUtil.FORMAT.key());
        return Optional.ofNullable(format != null ? format : options.get("value.format"));
    }

    private static String serde(String format) {
        switch (format) {
            case "json":
                return JSON_SERDE;
            case "csv":
                return CSV_SERDE;
            case "avro":
            case "avro-glue":
                return AVRO_SERDE;
            default:
                return null;
        }
    }

    static String streamName(String stream) {
        int slash = stream.lastIndexOf('/');
        return stream.startsWith("arn:") && slash >= 0 ? stream.substring(slash + 1) : stream;
    }

    private static String lookup(Table table, String key) {
        if (table.hasParameters() && table.parameters().containsKey(key)) {
            return table.parameters().get(key);
        }
        StorageDescriptor sd = table.storageDescriptor();
        if (sd != null && sd.hasParameters() && sd.parameters().containsKey(key)) {
            return sd.parameters().get(key);
        }
        return null;
    }

    private static String serdeLibrary(Table table) {
        StorageDescriptor sd = table.storageDescriptor();
        return sd == null || sd.serdeInfo() == null ? null : sd.serdeInfo().serializationLibrary();
    }

    private static String serdeParameter(Table table, String key) {
        StorageDescriptor sd = table.storageDescriptor();
        if (sd == null || sd.serdeInfo() == null || !sd.serdeInfo().hasParameters()) {
            return null;
        }
        return sd.serdeInfo().parameters().get(key);
    }
}
