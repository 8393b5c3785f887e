package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.aws.AwsOptions;
import io.github.flinkkinesis.aws.OptionKeys;
import io.github.flinkkinesis.glue.catalog.converter.GlueNames;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * The {@code glue} catalog factory behind {@code CREATE CATALOG c WITH ('type'='glue', ...)}:
 * declares every option, validates them (an unknown key is an error naming it; only the free-form
 * {@code table-defaults.} prefix is exempt) and builds a {@link GlueCatalog}.
 */
@PublicEvolving
public class GlueCatalogFactory implements CatalogFactory {

    @Override
    public String factoryIdentifier() {
        return GlueCatalogOptions.IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(AwsOptions.all());
        options.add(GlueCatalogOptions.DEFAULT_DATABASE);
        options.add(GlueCatalogOptions.CATALOG_ID);
        options.add(GlueCatalogOptions.SKIP_ARCHIVE);
        return options;
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper =
                FactoryUtil.createCatalogFactoryHelper(this, context);
        // blank and wrongly typed values first, named as written with the value
        Set<ConfigOption<?>> declared = new HashSet<>(requiredOptions());
        declared.addAll(optionalOptions());
        OptionKeys.checkValues(context.getOptions(), declared, List.of());
        helper.validateExcept(GlueCatalogOptions.TABLE_DEFAULTS_PREFIX);
        ReadableConfig options = helper.getOptions();
        Map<String, String> tableDefaults = new TreeMap<>();
        context.getOptions()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(GlueCatalogOptions.TABLE_DEFAULTS_PREFIX)) {
                                tableDefaults.put(
                                        k.substring(
                                                GlueCatalogOptions.TABLE_DEFAULTS_PREFIX.length()),
                                        v);
                            }
                        });
        validate(options);
        GlueCatalogConfig config =
                GlueCatalogConfig.builder(context.getName())
                        .aws(AwsConfig.fromMap(context.getOptions()))
                        .defaultDatabase(options.get(GlueCatalogOptions.DEFAULT_DATABASE))
                        .catalogId(options.getOptional(GlueCatalogOptions.CATALOG_ID).orElse(null))
                        .skipArchive(options.get(GlueCatalogOptions.SKIP_ARCHIVE))
                        .tableDefaults(tableDefaults)
                        .build();
        return new GlueCatalog(config);
    }

    private static void validate(ReadableConfig options) {
        String database = options.get(GlueCatalogOptions.DEFAULT_DATABASE);
        try {
            GlueNames.database(database);
        } catch (CatalogException e) {
            throw new ValidationException(
                    "Invalid value for option '"
                            + GlueCatalogOptions.DEFAULT_DATABASE.key()
                            + "': "
                            + e.getMessage());
        }
        options.getOptional(GlueCatalogOptions.CATALOG_ID)
                .filter(id -> !id.matches("\\d{12}"))
                .ifPresent(
                        id -> {
                            throw new ValidationException(
                                    "Invalid value '"
                                            + id
                                            + "' for option '"
                                            + GlueCatalogOptions.CATALOG_ID.key()
                                            + "': a Glue catalog id is the 12-digit AWS account"
                                            + " ID that owns the catalog.");
                        });
    }
}
