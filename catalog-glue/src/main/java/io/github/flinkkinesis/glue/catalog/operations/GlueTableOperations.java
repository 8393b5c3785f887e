package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.glue.catalog.exception.GlueExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Glue table calls for tables and views (both are Glue tables): get, list (all pages), create,
 * update with optimistic concurrency, delete.
 *
 * <p>Concurrency: {@link #getForUpdate} remembers the table's Glue {@code VersionId} ({@link #get}
 * does not); {@link #update} sends the version remembered last, so Glue refuses the update (a
 * retryable {@code GlueConcurrentModificationException}) if another writer changed the table in
 * between. Flink reads a table before it alters it, so an {@code ALTER TABLE} is applied to the
 * version it was computed from or not at all. An update without a prior read uses the current
 * version.
 */
@Internal
public final class GlueTableOperations {

    private final GlueConnection glue;
    private final Map<String, String> lastReadVersion = new ConcurrentHashMap<>();

    public GlueTableOperations(GlueConnection glue) {
        this.glue = glue;
    }

    /** The table, remembering its version as the base of the next {@link #update} of it. */
    public Optional<Table> getForUpdate(String database, String name) {
        Optional<Table> table = get(database, name);
        table.filter(t -> t.versionId() != null)
                .ifPresent(t -> lastReadVersion.put(key(database, name), t.versionId()));
        return table;
    }

    /** The table, without changing which version the next {@link #update} is based on. */
    public Optional<Table> get(String database, String name) {
        try {
            Table table =
                    glue.client()
                            .getTable(
                                    r ->
                                            r.catalogId(glue.catalogId())
                                                    .databaseName(database)
                                                    .name(name))
                            .table();
            return Optional.of(table);
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "GetTable", "table " + database + "." + name);
        }
    }

    /** The names of the database's tables that match {@code filter}, across all pages. */
    public List<String> listNames(String database, Predicate<Table> filter) {
        List<String> names = new ArrayList<>();
        for (Table table : list(database)) {
            if (filter.test(table)) {
                names.add(table.name());
            }
        }
        return names;
    }

    /** Every table of the database, across all pages. */
    private List<Table> list(String database) {
        List<Table> tables = new ArrayList<>();
        try {
            for (GetTablesResponse page :
                    glue.client()
                            .getTablesPaginator(
                                    r -> r.catalogId(glue.catalogId()).databaseName(database))) {
                tables.addAll(page.tableList());
            }
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "GetTables", "the tables of database " + database);
        }
        return tables;
    }

    /** Creates the table; false if a table or view of that name exists already. */
    public boolean create(String database, TableInput input) {
        try {
            glue.client()
                    .createTable(
                            r ->
                                    r.catalogId(glue.catalogId())
                                            .databaseName(database)
                                            .tableInput(input));
            return true;
        } catch (AlreadyExistsException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(
                    e, "CreateTable", "table " + database + "." + input.name());
        }
    }

    /**
     * Replaces the table with {@code input}, guarded by the version last read; false if the table
     * does not exist.
     */
    public boolean update(String database, TableInput input) {
        String key = key(database, input.name());
        String version = lastReadVersion.remove(key);
        if (version == null) {
            Optional<Table> current = getForUpdate(database, input.name());
            if (current.isEmpty()) {
                return false;
            }
            version = lastReadVersion.remove(key);
        }
        final String expected = version;
        try {
            glue.client()
                    .updateTable(
                            r ->
                                    r.catalogId(glue.catalogId())
                                            .databaseName(database)
                                            .tableInput(input)
                                            .versionId(expected)
                                            .skipArchive(glue.skipArchive()));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(
                    e, "UpdateTable", "table " + database + "." + input.name());
        }
    }

    /** Deletes the table; false if it does not exist. */
    public boolean delete(String database, String name) {
        lastReadVersion.remove(key(database, name));
        try {
            glue.client()
                    .deleteTable(
                            r -> r.catalogId(glue.catalogId()).databaseName(database).name(name));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "DeleteTable", "table " + database + "." + name);
        }
    }

    private static String key(String database, String name) {
        return database + '\u0000' + name;
    }
}
