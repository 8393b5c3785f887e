package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.glue.catalog.converter.GlueDatabaseConverter;
import io.github.flinkkinesis.glue.catalog.converter.GlueFunctionConverter;
import io.github.flinkkinesis.glue.catalog.converter.GlueTableConverter;
import io.github.flinkkinesis.glue.catalog.exception.GlueAccessDeniedException;
import io.github.flinkkinesis.glue.catalog.operations.GlueConnection;
import io.github.flinkkinesis.glue.catalog.operations.GlueDatabaseOperations;
import io.github.flinkkinesis.glue.catalog.operations.GlueFunctionOperations;
import io.github.flinkkinesis.glue.catalog.operations.GluePartitionOperations;
import io.github.flinkkinesis.glue.catalog.operations.GlueTableOperations;
import io.github.flinkkinesis.glue.catalog.operations.GlueTableRename;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionAlreadyExistsException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionSpecInvalidException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;

/**
 * A Flink catalog whose databases, tables, views, partitions and functions live in the AWS Glue
 * Data Catalog, so every SQL Client session, Table API program or notebook sees the same objects.
 *
 * <p>This class only applies Flink's catalog semantics ({@code IF [NOT] EXISTS}, cascade, which
 * exception for which case) and delegates the rest: names to {@link GlueNameResolver}, what is
 * written to {@link TableWritePolicy}, partitions to {@link FlinkPartitionSemantics}, Glue calls to
 * the {@code operations} classes, conversion to the {@code converter} classes and error mapping to
 * {@code exception.GlueExceptionMapper}.
 *
 * <p>Lifecycle: {@link #open()} builds the Glue client (from the catalog's {@code aws.*} options)
 * and creates the default database if it is missing; every other method first checks that the
 * catalog was opened ({@link #checkOpen()}); {@link #close()} closes the client. Between the two,
 * the catalog is safe to use from the planner's thread.
 *
 * <p>Kinesis tables inherit the catalog's region, credentials and {@code table-defaults.*} options
 * on read, and never store them ({@link InheritedTableOptions}); secret credentials are not in the
 * tables this catalog returns and reach the connector only through {@link #getFactory()}.
 * Statistics are reported as unknown and updates to them are accepted and not stored.
 */
@PublicEvolving
// extends Flink's AbstractCatalog (not only the Catalog interface) because Flink 2.0's table
// lineage
// (TableLineageDatasetImpl) casts every catalog of a sink table to it: an INSERT fails otherwise
public class GlueCatalog extends AbstractCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(GlueCatalog.class);

    private final String name;
    private final String defaultDatabase;
    private final GlueCatalogConfig config;
    private final InheritedTableOptions inherited;
    private final TableWritePolicy writePolicy;
    private final Supplier<GlueConnection> connectionSupplier;

    private GlueConnection connection;
    private GlueDatabaseOperations databases;
    private GlueTableOperations tables;
    private GlueFunctionOperations functions;
    private GlueTableRename rename;
    private FlinkPartitionSemantics partitions;

    /** A catalog that builds its Glue client from {@code config.aws()} when opened. */
    public GlueCatalog(GlueCatalogConfig config) {
        this(
                config,
                () ->
                        GlueConnection.create(
                                config.aws(),
                                config.catalogId().orElse(null),
                                config.skipArchive()));
    }

    /** A catalog on a client the caller owns and closes (programs with their own client, tests). */
    public GlueCatalog(GlueCatalogConfig config, GlueClient client) {
        this(
                config,
                () ->
                        GlueConnection.of(
                                client, config.catalogId().orElse(null), config.skipArchive()));
    }

    private GlueCatalog(GlueCatalogConfig config, Supplier<GlueConnection> connectionSupplier) {
        super(checkedName(config), GlueNameResolver.toCreateDatabase(config.defaultDatabase()));
        this.name = config.name();
        this.defaultDatabase = GlueNameResolver.toCreateDatabase(config.defaultDatabase());
        this.config = config;
        this.inherited = new InheritedTableOptions(config);
        this.writePolicy = new TableWritePolicy(config.name(), inherited);
        this.connectionSupplier = connectionSupplier;
    }

    private static String checkedName(GlueCatalogConfig config) {
        if (config.name().isBlank()) {
            throw new IllegalArgumentException("The name of a Glue catalog cannot be empty.");
        }
        return config.name();
    }

    /** The name this catalog was created with, as in {@code CREATE CATALOG name}. */
    public String getName() {
        return name;
    }

    /** The Glue database that is current after {@code USE CATALOG}, in lowercase. */
    @Override
    public String getDefaultDatabase() {
        return defaultDatabase;
    }

    /**
     * The factory that creates this catalog's tables: it delegates to each table's connector and
     * gives Kinesis tables the catalog's secret credentials, which {@link #getTable} never returns.
     */
    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new InheritingTableFactory(inherited));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void open() throws CatalogException {
        connection = connectionSupplier.get();
        databases = new GlueDatabaseOperations(connection);
        tables = new GlueTableOperations(connection);
        functions = new GlueFunctionOperations(connection);
        GluePartitionOperations partitionCalls = new GluePartitionOperations(connection);
        rename = new GlueTableRename(tables, partitionCalls);
        partitions = new FlinkPartitionSemantics(getName(), tables, partitionCalls);
        if (databases.get(getDefaultDatabase()).isEmpty()) {
            createDefaultDatabase();
        }
        LOG.info("Opened Glue catalog {}", config);
    }

    private void createDefaultDatabase() {
        LOG.info(
                "Creating the default database '{}' of Glue catalog '{}'",
                getDefaultDatabase(),
                getName());
        try {
            databases.create(
                    GlueDatabaseConverter.toDatabaseInput(
                            getDefaultDatabase(),
                            "Default database of the Flink Glue catalog",
                            Map.of()));
        } catch (GlueAccessDeniedException e) {
            throw new CatalogException(
                    "The default database '"
                            + getDefaultDatabase()
                            + "' of Glue catalog '"
                            + getName()
                            + "' does not exist and cannot be created: set option '"
                            + GlueCatalogOptions.DEFAULT_DATABASE.key()
                            + "' to an existing Glue database or grant glue:CreateDatabase. "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() throws CatalogException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    // ------------------------------------------------------------------ databases

    @Override
    public List<String> listDatabases() throws CatalogException {
        checkOpen();
        return databases.list();
    }

    @Override
    public CatalogDatabase getDatabase(String databaseName)
            throws DatabaseNotExistException, CatalogException {
        return glueDatabase(databaseName)
                .map(GlueDatabaseConverter::toFlink)
                .orElseThrow(() -> new DatabaseNotExistException(getName(), databaseName));
    }

    @Override
    public boolean databaseExists(String databaseName) throws CatalogException {
        return glueDatabase(databaseName).isPresent();
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException, CatalogException {
        checkOpen();
        String glueName = GlueNameResolver.toCreateDatabase(name);
        writePolicy.checkDatabase(name, database);
        if (!databases.create(GlueDatabaseConverter.toDatabaseInput(glueName, database))
                && !ignoreIfExists) {
            throw new DatabaseAlreadyExistException(getName(), name);
        }
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException, DatabaseNotEmptyException, CatalogException {
        Optional<String> glueName = glueDatabaseName(name);
        if (glueName.isEmpty()) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new DatabaseNotExistException(getName(), name);
        }
        String db = glueName.get();
        List<String> tableNames = tables.listNames(db, t -> true);
        if (!cascade && (!tableNames.isEmpty() || !functions.list(db).isEmpty())) {
            throw new DatabaseNotEmptyException(getName(), name);
        }
        // Glue's DeleteDatabase removes the database's functions itself; tables (with their
        // partitions) are deleted first so that nothing is left if it is recreated
        for (String table : tableNames) {
            tables.delete(db, table);
        }
        if (!databases.delete(db) && !ignoreIfNotExists) {
            throw new DatabaseNotExistException(getName(), name);
        }
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase newDatabase, boolean ignoreIfNotExists)
            throws DatabaseNotExistException, CatalogException {
        checkOpen();
        writePolicy.checkDatabase(name, newDatabase);
        Optional<String> glueName = GlueNameResolver.lookupDatabase(name);
        boolean updated =
                glueName.isPresent()
                        && databases.update(
                                glueName.get(),
                                GlueDatabaseConverter.toDatabaseInput(glueName.get(), newDatabase));
        if (!updated && !ignoreIfNotExists) {
            throw new DatabaseNotExistException(getName(), name);
        }
    }

    // ------------------------------------------------------------------ tables and views

    @Override
    public List<String> listTables(String databaseName)
            throws DatabaseNotExistException, CatalogException {
        return tables.listNames(existingDatabase(databaseName), t -> true);
    }

    @Override
    public List<String> listViews(String databaseName)
            throws DatabaseNotExistException, CatalogException {
        return tables.listNames(existingDatabase(databaseName), GlueTableConverter::isView);
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath tablePath)
            throws TableNotExistException, CatalogException {
        checkOpen();
        // Flink reads a table before it alters it: this read is the base of that update
        Table table =
                GlueNameResolver.lookupTable(tablePath)
                        .flatMap(p -> tables.getForUpdate(p.database(), p.name()))
                        .orElseThrow(() -> new TableNotExistException(getName(), tablePath));
        CatalogBaseTable flink = GlueTableConverter.toFlink(table);
        if (flink instanceof CatalogTable) {
            CatalogTable catalogTable = (CatalogTable) flink;
            return catalogTable.copy(inherited.apply(catalogTable.getOptions()));
        }
        return flink;
    }

    @Override
    public boolean tableExists(ObjectPath tablePath) throws CatalogException {
        return glueTable(tablePath).isPresent();
    }

    @Override
    public void createTable(ObjectPath tablePath, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException, CatalogException {
        String db = existingDatabase(tablePath.getDatabaseName());
        String name = GlueNameResolver.toCreateTable(tablePath.getObjectName());
        if (!tables.create(db, writePolicy.toInput(tablePath, name, table)) && !ignoreIfExists) {
            throw new TableAlreadyExistException(getName(), tablePath);
        }
    }

    @Override
    public void alterTable(
            ObjectPath tablePath, CatalogBaseTable newTable, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        Optional<Table> current = glueTable(tablePath);
        if (current.isEmpty()) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), tablePath);
        }
        writePolicy.checkSameKind(tablePath, current.get(), newTable);
        GluePath glue = GlueNameResolver.lookupTable(tablePath).orElseThrow(); // it exists
        if (!tables.update(glue.database(), writePolicy.toInput(tablePath, glue.name(), newTable))
                && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), tablePath);
        }
    }

    @Override
    public void renameTable(ObjectPath tablePath, String newTableName, boolean ignoreIfNotExists)
            throws TableNotExistException, TableAlreadyExistException, CatalogException {
        Optional<Table> current = glueTable(tablePath);
        if (current.isEmpty()) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), tablePath);
        }
        String db = GlueNameResolver.lookupTable(tablePath).orElseThrow().database(); // it exists
        String newName = GlueNameResolver.toCreateTable(newTableName);
        if (!rename.rename(db, current.get(), newName)) {
            throw new TableAlreadyExistException(
                    getName(), new ObjectPath(tablePath.getDatabaseName(), newTableName));
        }
    }

    @Override
    public void dropTable(ObjectPath tablePath, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        checkOpen();
        boolean deleted =
                GlueNameResolver.lookupTable(tablePath)
                        .map(p -> tables.delete(p.database(), p.name()))
                        .orElse(false);
        if (!deleted && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), tablePath);
        }
    }

    // ------------------------------------------------------------------ partitions

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        checkOpen();
        return partitions.list(tablePath);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException,
                    CatalogException {
        checkOpen();
        return partitions.list(tablePath, partitionSpec);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(
            ObjectPath tablePath, List<Expression> filters) throws CatalogException {
        throw new UnsupportedOperationException(
                "The Glue catalog does not evaluate partition filters: list all partitions with"
                        + " listPartitions(tablePath) and filter them (the Flink planner does this"
                        + " itself).");
    }

    @Override
    public CatalogPartition getPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException, CatalogException {
        checkOpen();
        return partitions.get(tablePath, partitionSpec);
    }

    @Override
    public boolean partitionExists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws CatalogException {
        checkOpen();
        return partitions.exists(tablePath, partitionSpec);
    }

    @Override
    public void createPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition partition,
            boolean ignoreIfExists)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException,
                    PartitionAlreadyExistsException,
                    CatalogException {
        checkOpen();
        writePolicy.checkPartition(tablePath, partitionSpec, partition);
        partitions.create(tablePath, partitionSpec, partition, ignoreIfExists);
    }

    @Override
    public void dropPartition(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        checkOpen();
        partitions.drop(tablePath, partitionSpec, ignoreIfNotExists);
    }

    @Override
    public void alterPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition newPartition,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        checkOpen();
        writePolicy.checkPartition(tablePath, partitionSpec, newPartition);
        partitions.alter(tablePath, partitionSpec, newPartition, ignoreIfNotExists);
    }

    // ------------------------------------------------------------------ functions

    @Override
    public List<String> listFunctions(String dbName)
            throws DatabaseNotExistException, CatalogException {
        return functions.list(existingDatabase(dbName));
    }

    @Override
    public CatalogFunction getFunction(ObjectPath functionPath)
            throws FunctionNotExistException, CatalogException {
        return glueFunction(functionPath)
                .map(GlueFunctionConverter::toFlink)
                .orElseThrow(() -> new FunctionNotExistException(getName(), functionPath));
    }

    @Override
    public boolean functionExists(ObjectPath functionPath) throws CatalogException {
        return glueFunction(functionPath).isPresent();
    }

    @Override
    public void createFunction(
            ObjectPath functionPath, CatalogFunction function, boolean ignoreIfExists)
            throws FunctionAlreadyExistException, DatabaseNotExistException, CatalogException {
        String db = existingDatabase(functionPath.getDatabaseName());
        String name = GlueNameResolver.toCreateFunction(functionPath.getObjectName());
        if (!functions.create(db, GlueFunctionConverter.toFunctionInput(name, function))
                && !ignoreIfExists) {
            throw new FunctionAlreadyExistException(getName(), functionPath);
        }
    }

    @Override
    public void alterFunction(
            ObjectPath functionPath, CatalogFunction newFunction, boolean ignoreIfNotExists)
            throws FunctionNotExistException, CatalogException {
        checkOpen();
        boolean updated =
                GlueNameResolver.lookupFunction(functionPath)
                        .map(
                                p ->
                                        functions.update(
                                                p.database(),
                                                p.name(),
                                                GlueFunctionConverter.toFunctionInput(
                                                        p.name(), newFunction)))
                        .orElse(false);
        if (!updated && !ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), functionPath);
        }
    }

    @Override
    public void dropFunction(ObjectPath functionPath, boolean ignoreIfNotExists)
            throws FunctionNotExistException, CatalogException {
        checkOpen();
        boolean deleted =
                GlueNameResolver.lookupFunction(functionPath)
                        .map(p -> functions.delete(p.database(), p.name()))
                        .orElse(false);
        if (!deleted && !ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), functionPath);
        }
    }

    // ------------------------------------------------------------------ statistics

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath tablePath)
            throws TableNotExistException, CatalogException {
        requireTable(tablePath);
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath tablePath)
            throws TableNotExistException, CatalogException {
        requireTable(tablePath);
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException, CatalogException {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException, CatalogException {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public void alterTableStatistics(
            ObjectPath tablePath, CatalogTableStatistics tableStatistics, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        acceptStatistics(tablePath, ignoreIfNotExists);
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath tablePath,
            CatalogColumnStatistics columnStatistics,
            boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        acceptStatistics(tablePath, ignoreIfNotExists);
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogTableStatistics partitionStatistics,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        LOG.debug("Statistics of {} {} are not stored in Glue", tablePath, partitionSpec);
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogColumnStatistics columnStatistics,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        LOG.debug("Statistics of {} {} are not stored in Glue", tablePath, partitionSpec);
    }

    // ------------------------------------------------------------------ helpers

    /** Fails with a message that says what to do if {@link #open()} was not called. */
    private void checkOpen() {
        if (databases == null) {
            throw new CatalogException(
                    "Glue catalog '" + getName() + "' is not open: call open() before using it.");
        }
    }

    /** The Glue database, or empty if it does not exist or Glue cannot hold its name. */
    private Optional<software.amazon.awssdk.services.glue.model.Database> glueDatabase(
            String databaseName) {
        checkOpen();
        return GlueNameResolver.lookupDatabase(databaseName).flatMap(databases::get);
    }

    /** The Glue name of an existing database, else {@link DatabaseNotExistException}. */
    private String existingDatabase(String databaseName) throws DatabaseNotExistException {
        return glueDatabaseName(databaseName)
                .orElseThrow(() -> new DatabaseNotExistException(getName(), databaseName));
    }

    /** The Glue name of an existing database, or empty. */
    private Optional<String> glueDatabaseName(String databaseName) {
        checkOpen();
        return GlueNameResolver.lookupDatabase(databaseName)
                .filter(name -> databases.get(name).isPresent());
    }

    /**
     * The Glue table or view, or empty if it does not exist or Glue cannot hold its name; does not
     * change which version the next update is based on.
     */
    private Optional<Table> glueTable(ObjectPath path) {
        checkOpen();
        return GlueNameResolver.lookupTable(path).flatMap(p -> tables.get(p.database(), p.name()));
    }

    private Optional<UserDefinedFunction> glueFunction(ObjectPath path) {
        checkOpen();
        return GlueNameResolver.lookupFunction(path)
                .flatMap(p -> functions.get(p.database(), p.name()));
    }

    private void requireTable(ObjectPath path) throws TableNotExistException {
        if (glueTable(path).isEmpty()) {
            throw new TableNotExistException(getName(), path);
        }
    }

    private void acceptStatistics(ObjectPath tablePath, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (glueTable(tablePath).isEmpty()) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), tablePath);
        }
        LOG.debug("Statistics of {} are not stored in Glue; reported as unknown", tablePath);
    }
}
