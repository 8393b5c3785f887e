package io.github.flinkkinesis.glue.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * The table factory of a Glue catalog: gives Kinesis tables the catalog's secret credentials when
 * their connector is created, so the secrets never appear in the table {@code getTable} returns
 * (which {@code SHOW CREATE TABLE} prints and {@code CREATE TABLE ... LIKE} copies).
 *
 * <p>Flink uses a catalog's factory for every table of that catalog, so this one delegates every
 * create call to the factory named by the table's {@code connector} option, found on the session's
 * class loader (no compile-time dependency on any connector). Only the options of a {@code kinesis}
 * table that inherits the catalog's credentials are changed ({@link
 * InheritedTableOptions#runtimeSecrets}); every other table reaches its factory unchanged.
 * Stateless apart from the catalog's inherited options; one instance per catalog.
 */
@Internal
final class InheritingTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    static final String IDENTIFIER = "glue-inheriting";

    private final InheritedTableOptions inherited;

    InheritingTableFactory(InheritedTableOptions inherited) {
        this.inherited = inherited;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        String connector = connector(context);
        DynamicTableSourceFactory factory =
                FactoryUtil.discoverFactory(
                        context.getClassLoader(), DynamicTableSourceFactory.class, connector);
        return factory.createDynamicTableSource(withSecrets(context));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        String connector = connector(context);
        DynamicTableSinkFactory factory =
                FactoryUtil.discoverFactory(
                        context.getClassLoader(), DynamicTableSinkFactory.class, connector);
        return factory.createDynamicTableSink(withSecrets(context));
    }

    private static String connector(Context context) {
        String connector = context.getCatalogTable().getOptions().get(FactoryUtil.CONNECTOR.key());
        if (connector == null || connector.isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "Table %s has no '%s' option: set it to the connector to use (for"
                                    + " example 'kinesis').",
                            context.getObjectIdentifier().asSummaryString(),
                            FactoryUtil.CONNECTOR.key()));
        }
        return connector;
    }

    /** The context with the catalog's secret credentials added, or {@code context} itself. */
    private DynamicTableFactory.Context withSecrets(Context context) {
        ResolvedCatalogTable table = context.getCatalogTable();
        Map<String, String> secrets = inherited.runtimeSecrets(table.getOptions());
        if (secrets.isEmpty()) {
            return context;
        }
        Map<String, String> options = new HashMap<>(table.getOptions());
        secrets.forEach(options::putIfAbsent);
        return new WithOptions(context, table.copy(options));
    }

    /**
     * The planner's context with another table (the same one plus secret options): every other
     * answer comes from the planner's context, and the interface's default methods derive from
     * these, so they see the new table too. (Flink's own DefaultDynamicTableContext is @Internal.)
     */
    private static final class WithOptions implements DynamicTableFactory.Context {
        private final DynamicTableFactory.Context delegate;
        private final ResolvedCatalogTable table;

        WithOptions(DynamicTableFactory.Context delegate, ResolvedCatalogTable table) {
            this.delegate = delegate;
            this.table = table;
        }

        @Override
        public ObjectIdentifier getObjectIdentifier() {
            return delegate.getObjectIdentifier();
        }

        @Override
        public ResolvedCatalogTable getCatalogTable() {
            return table;
        }

        @Override
        public Map<String, String> getEnrichmentOptions() {
            return delegate.getEnrichmentOptions();
        }

        @Override
        public ReadableConfig getConfiguration() {
            return delegate.getConfiguration();
        }

        @Override
        public ClassLoader getClassLoader() {
            return delegate.getClassLoader();
        }

        @Override
        public boolean isTemporary() {
            return delegate.isTemporary();
        }
    }

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }
}
