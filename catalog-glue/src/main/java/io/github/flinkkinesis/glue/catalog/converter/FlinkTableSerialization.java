package io.github.flinkkinesis.glue.catalog.converter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import org.apache.flink.FlinkVersion;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogPropertiesUtil;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;

/**
 * The catalog's Flink-line seam: Flink's own serialization of a resolved table or view into string
 * properties ({@link CatalogPropertiesUtil}), bound once to the signature of the Flink that runs.
 *
 * <p>Flink 2.1 gave {@code serializeCatalogTable} and {@code serializeCatalogView} a second
 * argument, a {@code SqlFactory} (in 2.1's new {@code org.apache.flink.table.expressions} classes),
 * and dropped the one-argument forms that Flink 1.20 and 2.0 have. A direct call compiles against
 * one side of that change only and fails on the other with a {@code NoClassDefFoundError} or {@code
 * NoSuchMethodError}. This class finds, by reflection, the form the running Flink has (with {@code
 * DefaultSqlFactory.INSTANCE} when it takes one), so that ONE catalog jar serves Flink 1.20 and 2.0
 * to 2.3. Deserialization has the same signature on every line and is called directly.
 *
 * <p>What a line's serialization cannot store is refused here rather than lost: a table's
 * distribution ({@code DISTRIBUTED BY}) before Flink 2.2.
 */
@Internal
final class FlinkTableSerialization {

    static final String SQL_FACTORY = "org.apache.flink.table.expressions.SqlFactory";
    static final String DEFAULT_SQL_FACTORY =
            "org.apache.flink.table.expressions.DefaultSqlFactory";

    private static final ClassLoader FLINK = CatalogPropertiesUtil.class.getClassLoader();

    private static final Serializer TABLE =
            Serializer.find(
                    CatalogPropertiesUtil.class,
                    "serializeCatalogTable",
                    ResolvedCatalogTable.class,
                    flinkClass(SQL_FACTORY),
                    flinkClass(DEFAULT_SQL_FACTORY));
    private static final Serializer VIEW =
            Serializer.find(
                    CatalogPropertiesUtil.class,
                    "serializeCatalogView",
                    ResolvedCatalogView.class,
                    flinkClass(SQL_FACTORY),
                    flinkClass(DEFAULT_SQL_FACTORY));

    private FlinkTableSerialization() {}

    /**
     * The table's properties; refuses a {@code DISTRIBUTED BY} table where this Flink's
     * serialization would drop the distribution (Flink 1.20 to 2.1: keys for it came in 2.2).
     */
    static Map<String, String> serializeTable(ResolvedCatalogTable table) {
        Map<String, String> properties = TABLE.serialize(table);
        if (table.getDistribution().isPresent()
                && properties.keySet().stream().noneMatch(k -> k.startsWith("distribution."))) {
            throw new ValidationException(
                    "Flink "
                            + FlinkVersion.current()
                            + " cannot store the table's DISTRIBUTED BY clause in a catalog: its"
                            + " catalog serialization has no keys for a distribution (Flink 2.2"
                            + " added them), so the clause would be lost. Create the table"
                            + " without DISTRIBUTED BY, or use Flink 2.2 or later.");
        }
        return properties;
    }

    static Map<String, String> serializeView(ResolvedCatalogView view) {
        return VIEW.serialize(view);
    }

    /** Whether this Flink's serialization takes a SqlFactory (Flink 2.1 and later). */
    static boolean takesSqlFactory() {
        return TABLE.sqlFactory != null;
    }

    private static Class<?> flinkClass(String name) {
        try {
            return Class.forName(name, false, FLINK);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** One static {@code serialize...(x)} or {@code serialize...(x, SqlFactory)} method. */
    static final class Serializer {
        private final Method method;
        private final Object sqlFactory;

        private Serializer(Method method, Object sqlFactory) {
            this.method = method;
            this.sqlFactory = sqlFactory;
        }

        /**
         * Finds {@code owner.name(argument, sqlFactoryType)}, called with {@code
         * defaultSqlFactory.INSTANCE}, when this Flink has those classes and that method; else
         * {@code owner.name(argument)}. Either type is {@code null} when this Flink lacks it.
         */
        static Serializer find(
                Class<?> owner,
                String name,
                Class<?> argument,
                Class<?> sqlFactoryType,
                Class<?> defaultSqlFactory) {
            if (sqlFactoryType != null && defaultSqlFactory != null) {
                try {
                    Method method = owner.getMethod(name, argument, sqlFactoryType);
                    return new Serializer(method, defaultSqlFactory.getField("INSTANCE").get(null));
                } catch (NoSuchMethodException | NoSuchFieldException e) {
                    // not the 2.1+ form: try the one-argument form below
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(
                            "Cannot read " + defaultSqlFactory.getName() + ".INSTANCE", e);
                }
            }
            try {
                return new Serializer(owner.getMethod(name, argument), null);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(
                        "This Flink's "
                                + owner.getName()
                                + " has neither "
                                + name
                                + "("
                                + argument.getSimpleName()
                                + ", SqlFactory) (Flink 2.1 and later) nor "
                                + name
                                + "("
                                + argument.getSimpleName()
                                + ") (Flink 1.20 and 2.0): the Glue catalog supports Flink 1.20"
                                + " and 2.0 to 2.3.",
                        e);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, String> serialize(Object argument) {
            try {
                return (Map<String, String>)
                        (sqlFactory == null
                                ? method.invoke(null, argument)
                                : method.invoke(null, argument, sqlFactory));
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException(cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot call " + method, e);
            }
        }

        Method method() {
            return method;
        }
    }
}
