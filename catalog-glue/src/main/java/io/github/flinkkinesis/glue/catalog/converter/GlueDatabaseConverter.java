package io.github.flinkkinesis.glue.catalog.converter;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;

/** Converts Flink databases to Glue databases and back: comment as description, properties. */
@Internal
public final class GlueDatabaseConverter {

    private GlueDatabaseConverter() {}

    /** The Glue input of a Flink database. */
    public static DatabaseInput toDatabaseInput(String glueName, CatalogDatabase database) {
        return toDatabaseInput(
                glueName,
                database.getComment(),
                database.getProperties() == null ? Map.of() : database.getProperties());
    }

    /** The Glue input of a database with this comment and these properties. */
    public static DatabaseInput toDatabaseInput(
            String glueName, String comment, Map<String, String> properties) {
        return DatabaseInput.builder()
                .name(glueName)
                .description(comment)
                .parameters(properties)
                .build();
    }

    /** The Flink database of a Glue database. */
    public static CatalogDatabase toFlink(Database database) {
        Map<String, String> properties =
                database.hasParameters() ? new HashMap<>(database.parameters()) : new HashMap<>();
        // Flink's own catalogs build databases the same way: CatalogDatabase has no public factory
        return new CatalogDatabaseImpl(properties, database.description());
    }
}
