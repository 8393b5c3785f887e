package io.github.flinkkinesis.glue.catalog.converter;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * The Glue name rule, in one place: database, table, view and function names are stored in
 * lowercase and must be 1-255 characters of letters, digits and underscores.
 *
 * <p>Flink identifiers are case-sensitive and Glue's are not, so the catalog folds every name to
 * lowercase before it reaches Glue: {@code MyTable} and {@code mytable} are the same Glue table,
 * and creating the second one fails with "already exists" instead of silently replacing the first.
 * A name that Glue cannot hold is refused with a message that states the rule.
 */
@Internal
public final class GlueNames {

    /** Glue's maximum length of a database, table or function name. */
    private static final int MAX_LENGTH = 255;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_]+");

    private GlueNames() {}

    /** The Glue name of a database, or an error naming the rule. */
    public static String database(String name) {
        return check("database", name);
    }

    /** The Glue name of a table or view, or an error naming the rule. */
    public static String table(String name) {
        return check("table", name);
    }

    /** The Glue name of a user-defined function, or an error naming the rule. */
    public static String function(String name) {
        return check("function", name);
    }

    /** Folds a column name the way Glue and Hive store it (used for the Hive-typed columns). */
    public static String column(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String check(String kind, String name) {
        if (name == null
                || name.isEmpty()
                || name.length() > MAX_LENGTH
                || !ALLOWED.matcher(name).matches()) {
            throw new CatalogException(
                    "Invalid Glue "
                            + kind
                            + " name '"
                            + name
                            + "': Glue names must be 1-"
                            + MAX_LENGTH
                            + " characters of letters, digits and underscores (stored in"
                            + " lowercase).");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
