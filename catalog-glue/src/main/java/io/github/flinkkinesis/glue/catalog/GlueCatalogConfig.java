package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.aws.Secrets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The validated settings of one Glue catalog: its name, the AWS connection to Glue, the default
 * database, the catalog id, skip-archive and the table defaults. Built with {@link #builder} by the
 * factory (or by programs that create the catalog directly). {@link #toString()} hides secrets.
 */
@PublicEvolving
public final class GlueCatalogConfig {

    private final String name;
    private final AwsConfig aws;
    private final String defaultDatabase;
    private final String catalogId;
    private final boolean skipArchive;
    private final Map<String, String> tableDefaults;

    private GlueCatalogConfig(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.aws = b.aws == null ? AwsConfig.fromMap(Map.of()) : b.aws;
        this.defaultDatabase = b.defaultDatabase;
        this.catalogId = b.catalogId;
        this.skipArchive = b.skipArchive;
        this.tableDefaults = Map.copyOf(b.tableDefaults);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The connection to Glue: region, endpoint, credentials, HTTP and retry settings. */
    public AwsConfig aws() {
        return aws;
    }

    public String defaultDatabase() {
        return defaultDatabase;
    }

    public Optional<String> catalogId() {
        return Optional.ofNullable(catalogId);
    }

    public boolean skipArchive() {
        return skipArchive;
    }

    /** The {@code table-defaults.} options, without the prefix. */
    public Map<String, String> tableDefaults() {
        return tableDefaults;
    }

    @Override
    public String toString() {
        return "GlueCatalogConfig{name="
                + name
                + ", aws="
                + aws
                + ", defaultDatabase="
                + defaultDatabase
                + ", catalogId="
                + catalogId
                + ", skipArchive="
                + skipArchive
                + ", tableDefaults="
                + Secrets.redact(new TreeMap<>(tableDefaults))
                + "}";
    }

    /** Builder of {@link GlueCatalogConfig}. */
    @PublicEvolving
    public static final class Builder {
        private final String name;
        private AwsConfig aws;
        private String defaultDatabase = GlueCatalogOptions.DEFAULT_DATABASE.defaultValue();
        private String catalogId;
        private boolean skipArchive = GlueCatalogOptions.SKIP_ARCHIVE.defaultValue();
        private Map<String, String> tableDefaults = Map.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder aws(AwsConfig aws) {
            this.aws = aws;
            return this;
        }

        public Builder defaultDatabase(String defaultDatabase) {
            this.defaultDatabase = defaultDatabase;
            return this;
        }

        public Builder catalogId(String catalogId) {
            this.catalogId = catalogId;
            return this;
        }

        public Builder skipArchive(boolean skipArchive) {
            this.skipArchive = skipArchive;
            return this;
        }

        public Builder tableDefaults(Map<String, String> tableDefaults) {
            this.tableDefaults = tableDefaults;
            return this;
        }

        public GlueCatalogConfig build() {
            return new GlueCatalogConfig(this);
        }
    }
}
