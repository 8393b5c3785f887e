package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.glue.catalog.exception.GlueExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;

/**
 * Glue database calls: get, list (all pages), create, update, delete. Names are Glue names (already
 * checked and lowercased). "Not found" and "already exists" are results ({@code Optional.empty()},
 * {@code false}); every other error goes through {@link GlueExceptionMapper}.
 */
@Internal
public final class GlueDatabaseOperations {

    private final GlueConnection glue;

    public GlueDatabaseOperations(GlueConnection glue) {
        this.glue = glue;
    }

    public Optional<Database> get(String name) {
        try {
            return Optional.of(
                    glue.client()
                            .getDatabase(r -> r.catalogId(glue.catalogId()).name(name))
                            .database());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "GetDatabase", "database " + name);
        }
    }

    /** Every database name, across all pages. */
    public List<String> list() {
        List<String> names = new ArrayList<>();
        try {
            for (GetDatabasesResponse page :
                    glue.client().getDatabasesPaginator(r -> r.catalogId(glue.catalogId()))) {
                page.databaseList().forEach(d -> names.add(d.name()));
            }
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "GetDatabases", "the databases of the catalog");
        }
        return names;
    }

    /** Creates the database; false if it exists already. */
    public boolean create(DatabaseInput input) {
        try {
            glue.client().createDatabase(r -> r.catalogId(glue.catalogId()).databaseInput(input));
            return true;
        } catch (AlreadyExistsException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "CreateDatabase", "database " + input.name());
        }
    }

    /** Replaces description and parameters; false if the database does not exist. */
    public boolean update(String name, DatabaseInput input) {
        try {
            glue.client()
                    .updateDatabase(
                            r -> r.catalogId(glue.catalogId()).name(name).databaseInput(input));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "UpdateDatabase", "database " + name);
        }
    }

    /** Deletes the database; false if it does not exist. */
    public boolean delete(String name) {
        try {
            glue.client().deleteDatabase(r -> r.catalogId(glue.catalogId()).name(name));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "DeleteDatabase", "database " + name);
        }
    }
}
