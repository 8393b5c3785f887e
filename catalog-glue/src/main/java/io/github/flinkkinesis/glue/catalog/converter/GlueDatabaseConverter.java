package io.github.flinkkinesis.glue.catalog.converter;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;

/** Converts Flink databases to Glue databases and back: comment as description, properties. */
public final class GlueDatabaseConverter {

    private GlueDatabaseConverter() {}

    /** The Glue input of a Flink database. */
    public static DatabaseInput toDatabaseInput(String glueName, CatalogDatabase database) {
        return DatabaseInput.builder()
                .name(glueName)
                .description(database.getComment())
                .parameters(database.getProperties() == null ? Map.of() : database.getProperties())
                .build();
    }

    /** The Flink database of a Glue database. */
    public static CatalogDatabase toFlink(Database database) {
        Map<String, String> properties =
                database.hasParameters() ? new HashMap<>(database.parameters()) : new HashMap<>();
        return new CatalogDatabaseImpl(properties, database.description());
    }
}
