package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.glue.catalog.converter.GluePartitionConverter;
import io.github.flinkkinesis.glue.catalog.converter.GlueTableConverter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Renames a Glue table or view, which Glue cannot do in one call, so that a failure leaves the old
 * table as it was and no half-made copy: (1) create the table under the new name, (2) copy the
 * partitions in batches ({@link GluePartitionOperations#createAll}), (3) delete the old table. If
 * (2) or (3) fails, the new table is deleted again (Glue deletes its partitions with it) and the
 * failure says so.
 *
 * <p>One exception to the rollback: if deleting the old table fails but the old table is gone (the
 * call failed after Glue applied it), the rename is complete and the new table is kept; if that
 * cannot be checked, the new table is kept too, because deleting it might lose the only copy.
 *
 * <p>Stateless; one instance per open catalog.
 */
@Internal
public final class GlueTableRename {

    private static final Logger LOG = LoggerFactory.getLogger(GlueTableRename.class);

    private final GlueTableOperations tables;
    private final GluePartitionOperations partitions;

    public GlueTableRename(GlueTableOperations tables, GluePartitionOperations partitions) {
        this.tables = tables;
        this.partitions = partitions;
    }

    /**
     * Renames {@code current} (a table of {@code database}) to {@code newName} (a Glue name).
     *
     * @return false, with nothing changed, if a table or view {@code newName} exists already
     * @throws CatalogException if a step failed; the message says what was rolled back and what to
     *     do
     */
    public boolean rename(String database, Table current, String newName) {
        Names names = new Names(database, current.name(), newName);
        if (tables.get(database, newName).isPresent()
                || !tables.create(database, GlueTableConverter.renamed(current, newName))) {
            return false;
        }
        try {
            copyPartitions(database, current, newName);
        } catch (RuntimeException e) {
            throw rolledBack(names, "copying its partitions", e);
        }
        try {
            tables.delete(database, current.name());
        } catch (RuntimeException e) {
            Optional<Boolean> oldStillExists = stillExists(names, e);
            if (oldStillExists.isEmpty()) {
                throw keptBoth(names, e);
            }
            if (oldStillExists.get()) {
                throw rolledBack(names, "dropping the old table", e);
            }
            LOG.info(
                    "Renamed {} to {}: the failed DeleteTable had been applied",
                    names.from(),
                    names.to());
        }
        return true;
    }

    private void copyPartitions(String database, Table current, String newName) {
        if (!current.hasPartitionKeys() || current.partitionKeys().isEmpty()) {
            return;
        }
        List<PartitionInput> copies =
                partitions.list(database, current.name()).stream()
                        .map(GluePartitionConverter::copy)
                        .collect(Collectors.toList());
        partitions.createAll(database, newName, copies);
    }

    /**
     * Whether the old table exists, or empty if that cannot be found out (noted in {@code cause}).
     */
    private Optional<Boolean> stillExists(Names names, RuntimeException cause) {
        try {
            return Optional.of(tables.get(names.database, names.oldName).isPresent());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            return Optional.empty();
        }
    }

    /** Deletes the new table again; the exception that reports the failure and the rollback. */
    private CatalogException rolledBack(Names names, String step, RuntimeException cause) {
        String failure =
                String.format(
                        "Renaming table %s to %s failed while %s: %s",
                        names.from(), names.to(), step, sentence(cause.getMessage()));
        try {
            tables.delete(names.database, names.newName);
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            return new CatalogException(
                    String.format(
                            "%s The rollback failed too: %s So %s exists next to the unchanged"
                                    + " %s: drop %s, fix the cause and run the rename again.",
                            failure,
                            sentence(rollbackFailure.getMessage()),
                            names.to(),
                            names.from(),
                            names.to()),
                    cause);
        }
        return new CatalogException(
                String.format(
                        "%s The rename was rolled back: %s was dropped again and %s is unchanged."
                                + " Fix the cause and run the rename again.",
                        failure, names.to(), names.from()),
                cause);
    }

    /** The exception for a failed delete of the old table whose outcome is unknown. */
    private static CatalogException keptBoth(Names names, RuntimeException cause) {
        return new CatalogException(
                String.format(
                        "Renaming table %s to %s failed while dropping the old table: %s Whether"
                                + " %s still exists could not be checked, so %s, a complete copy,"
                                + " was kept. If %s still exists, drop %s and run the rename"
                                + " again; otherwise the rename is complete.",
                        names.from(),
                        names.to(),
                        sentence(cause.getMessage()),
                        names.from(),
                        names.to(),
                        names.from(),
                        names.to()),
                cause);
    }

    private static String sentence(String message) {
        return message != null && message.endsWith(".") ? message : message + ".";
    }

    /** The database and the two table names of one rename. */
    private record Names(String database, String oldName, String newName) {
        String from() {
            return database + "." + oldName;
        }

        String to() {
            return database + "." + newName;
        }
    }
}
