package io.github.flinkkinesis.glue.registry.client;

import java.util.UUID;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A record names a schema version id the registry does not know: the record's fault (written
 * against another registry, account or region), so {@code ignore-parse-errors} may skip it.
 */
@PublicEvolving
public class SchemaVersionNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID schemaVersionId;

    public SchemaVersionNotFoundException(UUID schemaVersionId, String where) {
        super(
                "schema version id "
                        + schemaVersionId
                        + " is not in the Glue Schema Registry ("
                        + where
                        + "): the record was written against another registry, account or"
                        + " region, or its version was deleted");
        this.schemaVersionId = schemaVersionId;
    }

    public UUID schemaVersionId() {
        return schemaVersionId;
    }
}
