package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.aws.AwsOptions;
import io.github.flinkkinesis.aws.Secrets;
import io.github.flinkkinesis.glue.catalog.converter.GlueKinesisKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;

/**
 * The options a Kinesis table of a Glue catalog inherits from the catalog, so that its DDL needs
 * only the stream and the format.
 *
 * <p>On read ({@link #apply}) a {@code kinesis} table gets, for each key it does not set itself:
 * every {@code table-defaults.X} catalog option as {@code X} (unless X carries a secret: that one,
 * like the secret credentials below, is added only when the connector is created); then the
 * catalog's {@code aws.region}; then the catalog's non-secret {@code aws.credentials.*} options
 * (provider, access key id, profile, role), unless the table chooses its own credentials (sets any
 * {@code aws.credentials.*} key). Secret-valued credentials (secret key, session token) are never
 * part of the table that {@code getTable} returns, because {@code SHOW CREATE TABLE} prints it and
 * {@code CREATE TABLE ... LIKE} copies it: they are added only when the connector is created
 * ({@link #runtimeSecrets}, used by {@link InheritingTableFactory}). The catalog's {@code
 * aws.endpoint} is Glue's endpoint and is never inherited. On write ({@link #strip}) inherited
 * values are removed again, so they are never copied into Glue: changing the catalog's settings
 * changes them for every table. Other connectors' tables are left as they are.
 */
@Internal
final class InheritedTableOptions {

    private static final String CREDENTIALS_PREFIX = "aws.credentials.";

    /** The catalog's {@code table-defaults.*} options without secrets: shown in the table. */
    private final Map<String, String> defaults;

    /** The {@code table-defaults.*} options that carry secrets: given to the connector only. */
    private final Map<String, String> secretDefaults;

    private final String region;

    /** The catalog's credential options without secrets: shown in the table's options. */
    private final Map<String, String> credentials;

    /** The catalog's secret-valued credential options: given to the connector only. */
    private final Map<String, String> secretCredentials;

    InheritedTableOptions(GlueCatalogConfig config) {
        this.defaults = new TreeMap<>();
        this.secretDefaults = new TreeMap<>();
        config.tableDefaults()
                .forEach((k, v) -> (Secrets.isSecret(k) ? secretDefaults : defaults).put(k, v));
        this.region = config.aws().region().orElse(null);
        this.credentials = new TreeMap<>();
        this.secretCredentials = new TreeMap<>();
        config.aws()
                .toMap()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(CREDENTIALS_PREFIX)) {
                                (Secrets.isSecret(k) ? secretCredentials : credentials).put(k, v);
                            }
                        });
    }

    /** The options a table is used with: its own plus the inherited ones it does not set. */
    Map<String, String> apply(Map<String, String> tableOptions) {
        if (!GlueKinesisKeys.isKinesisTable(tableOptions)) {
            return tableOptions;
        }
        Map<String, String> out = new LinkedHashMap<>(tableOptions);
        defaults.forEach(out::putIfAbsent);
        if (region != null) {
            out.putIfAbsent(AwsOptions.REGION.key(), region);
        }
        boolean ownCredentials =
                out.keySet().stream().anyMatch(k -> k.startsWith(CREDENTIALS_PREFIX));
        if (!ownCredentials) {
            out.putAll(credentials);
        }
        return out;
    }

    /**
     * The catalog's secret credential options that a table read through {@link #apply} needs when
     * its connector is created: empty unless it is a {@code kinesis} table whose credential options
     * are exactly the inherited ones (it did not choose its own credentials).
     */
    Map<String, String> runtimeSecrets(Map<String, String> tableOptions) {
        if (!GlueKinesisKeys.isKinesisTable(tableOptions)) {
            return Map.of();
        }
        Map<String, String> secrets = new TreeMap<>();
        secretDefaults.forEach(
                (k, v) -> {
                    if (!tableOptions.containsKey(k)) {
                        secrets.put(k, v);
                    }
                });
        if (inheritsCredentials(tableOptions)) {
            secretCredentials.forEach(secrets::putIfAbsent);
        }
        return secrets;
    }

    private boolean inheritsCredentials(Map<String, String> tableOptions) {
        return credentialsOf(tableOptions).equals(credentials);
    }

    private static Map<String, String> credentialsOf(Map<String, String> options) {
        Map<String, String> out = new TreeMap<>();
        options.forEach(
                (k, v) -> {
                    if (k.startsWith(CREDENTIALS_PREFIX)) {
                        out.put(k, v);
                    }
                });
        return out;
    }

    /** The options to store: without the values that {@link #apply} would add anyway. */
    Map<String, String> strip(Map<String, String> tableOptions) {
        if (!GlueKinesisKeys.isKinesisTable(tableOptions)) {
            return tableOptions;
        }
        // credentials are inherited as a whole, so they are stripped only as a whole
        boolean inheritedCredentials = inheritsCredentials(tableOptions);
        Map<String, String> out = new LinkedHashMap<>();
        tableOptions.forEach(
                (k, v) -> {
                    boolean inherited =
                            v.equals(defaults.get(k))
                                    || (k.equals(AwsOptions.REGION.key())
                                            && !defaults.containsKey(k)
                                            && v.equals(region))
                                    || (k.startsWith(CREDENTIALS_PREFIX) && inheritedCredentials);
                    if (!inherited) {
                        out.put(k, v);
                    }
                });
        return out;
    }
}
