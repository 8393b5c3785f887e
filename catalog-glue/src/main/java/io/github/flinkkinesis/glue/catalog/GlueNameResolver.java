package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.glue.catalog.converter.GlueNames;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * Turns the names Flink passes to {@link GlueCatalog} into Glue names, with Glue's rule ({@link
 * GlueNames}: 1-255 letters, digits and underscores, folded to lowercase) applied in one of two
 * ways:
 *
 * <ul>
 *   <li>{@code lookup...}: for reads, alters and drops. A name Glue cannot hold is empty, because
 *       no such object can exist; the caller then answers "does not exist" as Flink expects.
 *   <li>{@code toCreate...}: for creates and renames. A name Glue cannot hold is a {@link
 *       CatalogException} that states the rule.
 * </ul>
 *
 * Stateless: static methods only.
 */
@Internal
final class GlueNameResolver {

    private GlueNameResolver() {}

    /** The Glue database of a Flink database name, or empty if Glue cannot hold the name. */
    static Optional<String> lookupDatabase(String databaseName) {
        return lookup(GlueNames::database, databaseName);
    }

    /** The Glue path of a table or view, or empty if Glue cannot hold one of the names. */
    static Optional<GluePath> lookupTable(ObjectPath path) {
        return lookup(path, GlueNames::table);
    }

    /** The Glue path of a function, or empty if Glue cannot hold one of the names. */
    static Optional<GluePath> lookupFunction(ObjectPath path) {
        return lookup(path, GlueNames::function);
    }

    /** The Glue name of a database to create, or an error that states the rule. */
    static String toCreateDatabase(String databaseName) {
        return GlueNames.database(databaseName);
    }

    /** The Glue name of a table or view to create, or an error that states the rule. */
    static String toCreateTable(String tableName) {
        return GlueNames.table(tableName);
    }

    /** The Glue name of a function to create, or an error that states the rule. */
    static String toCreateFunction(String functionName) {
        return GlueNames.function(functionName);
    }

    private static Optional<GluePath> lookup(ObjectPath path, UnaryOperator<String> objectRule) {
        Optional<String> database = lookupDatabase(path.getDatabaseName());
        Optional<String> name = lookup(objectRule, path.getObjectName());
        return database.isPresent() && name.isPresent()
                ? Optional.of(new GluePath(database.get(), name.get()))
                : Optional.empty();
    }

    private static Optional<String> lookup(UnaryOperator<String> rule, String name) {
        try {
            return Optional.of(rule.apply(name));
        } catch (CatalogException invalid) {
            return Optional.empty();
        }
    }
}
