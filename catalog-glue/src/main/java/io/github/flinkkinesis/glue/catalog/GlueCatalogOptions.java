package io.github.flinkkinesis.glue.catalog;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options of the {@code glue} catalog besides the shared {@code aws.*} connection options
 * ({@link io.github.flinkkinesis.aws.AwsOptions}), each declared once with its description.
 */
@PublicEvolving
public final class GlueCatalogOptions {

    private GlueCatalogOptions() {}

    /** The catalog type of {@code CREATE CATALOG ... WITH ('type'='glue')}. */
    public static final String IDENTIFIER = "glue";

    /**
     * Prefix of catalog options that become default options of the catalog's Kinesis tables: {@code
     * table-defaults.aws.endpoint} gives every Kinesis table {@code aws.endpoint} unless its DDL
     * sets one.
     */
    public static final String TABLE_DEFAULTS_PREFIX = "table-defaults.";

    public static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key("default-database")
                    .stringType()
                    .defaultValue("default")
                    .withDescription(
                            "The Glue database that is current after USE CATALOG; created on open"
                                    + " if it does not exist. Letters, digits and underscores.");

    public static final ConfigOption<String> CATALOG_ID =
            ConfigOptions.key("catalog-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The Glue Data Catalog to use: the 12-digit AWS account ID that owns"
                                    + " it (a cross-account catalog). Default: the catalog of the"
                                    + " account of the credentials.");

    public static final ConfigOption<Boolean> SKIP_ARCHIVE =
            ConfigOptions.key("skip-archive")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether ALTER TABLE skips archiving the previous table version in"
                                    + " Glue. Glue keeps a limited number of versions per table;"
                                    + " set false to keep the history.");
}
