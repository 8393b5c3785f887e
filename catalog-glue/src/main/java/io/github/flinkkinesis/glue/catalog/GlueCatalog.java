package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.aws.Secrets;
import io.github.flinkkinesis.glue.catalog.converter.GlueDatabaseConverter;
import io.github.flinkkinesis.glue.catalog.converter.GlueFunctionConverter;
import io.github.flinkkinesis.glue.catalog.converter.GlueNames;
import io.github.flinkkinesis.glue.catalog.converter.GluePartitionConverter;
import io.github.flinkkinesis.glue.catalog.converter.GlueTableConverter;
import io.github.flinkkinesis.glue.catalog.exception.GlueAccessDeniedException;
import io.github.flinkkinesis.glue.catalog.operations.GlueConnection;
import io.github.flinkkinesis.glue.catalog.operations.GlueDatabaseOperations;
import io.github.flinkkinesis.glue.catalog.operations.GlueFunctionOperations;
import io.github.flinkkinesis.glue.catalog.operations.GluePartitionOperations;
import io.github.flinkkinesis.glue.catalog.operations.GlueTableOperations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;
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
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * A Flink catalog whose databases, tables, views, partitions and functions live in the AWS Glue
 * Data Catalog, so every SQL Client session, Table API program or notebook sees the same objects.
 *
 * <p>This class only applies Flink's catalog semantics ({@code IF [NOT] EXISTS}, cascade, which
 * exception for which case); Glue calls are in the {@code operations} classes, conversion in the
 * {@code converter} classes and error mapping in {@code exception.GlueExceptionMapper}.
 *
 * <p>Lifecycle: {@link #open()} builds the Glue client (from the catalog's {@code aws.*} options)
 * and creates the default database if it is missing; {@link #close()} closes the client. Between
 * the two, the catalog is safe to use from the planner's thread.
 *
 * <p>Names are folded to lowercase and checked against Glue's rule ({@link GlueNames}). Kinesis
 * tables inherit the catalog's region, credentials and {@code table-defaults.*} options on read,
 * and never store them ({@link InheritedTableOptions}); secret credentials are not in the tables
 * this catalog returns and reach the connector only through {@link #getFactory()}. Options that
 * carry secrets are refused. Statistics are reported as unknown and updates to them are accepted
 * and not stored.
 */
public class GlueCatalog extends AbstractCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(GlueCatalog.class);

    private final GlueCatalogConfig config;
    private final InheritedTableOptions inherited;
    private final Supplier<GlueConnection> connectionSupplier;

    private GlueConnection connection;
    private GlueDatabaseOperations databases;
    private GlueTableOperations tables;
    private GluePartitionOperations partitions;
    private GlueFunctionOperations functions;
    private FlinkPartitionSemantics partitionSemantics;

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
        super(config.name(), GlueNames.database(config.defaultDatabase()));
        this.config = config;
        this.inherited = new InheritedTableOptions(config);
        this.connectionSupplier = connectionSupplier;
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
        partitions = new GluePartitionOperations(connection);
        functions = new GlueFunctionOperations(connection);
        partitionSemantics = new FlinkPartitionSemantics(getName(), tables, partitions);
        if (databases.get(getDefaultDatabase()).isEmpty()) {
            LOG.info(
                    "Creating the default database '{}' of Glue catalog '{}'",
                    getDefaultDatabase(),
                    getName());
            try {
                databases.create(
                        GlueDatabaseConverter.toDatabaseInput(
                                getDefaultDatabase(),
                                new CatalogDatabaseImpl(
                                        Map.of(), "Default database of the Flink Glue catalog")));
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
        LOG.info("Opened Glue catalog {}", config);
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
        return ops().list();
    }

    @Override
    public CatalogDatabase getDatabase(String databaseName)
            throws DatabaseNotExistException, CatalogException {
        return validName(databaseName)
                .flatMap(ops()::get)
                .map(GlueDatabaseConverter::toFlink)
                .orElseThrow(() -> new DatabaseNotExistException(getName(), databaseName));
    }

    @Override
    public boolean databaseExists(String databaseName) throws CatalogException {
        return validName(databaseName).flatMap(ops()::get).isPresent();
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException, CatalogException {
        String glueName = GlueNames.database(name);
        if (!ops().create(GlueDatabaseConverter.toDatabaseInput(glueName, database))
                && !ignoreIfExists) {
            throw new DatabaseAlreadyExistException(getName(), name);
        }
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException, DatabaseNotEmptyException, CatalogException {
        Optional<String> glueName = validName(name).filter(n -> ops().get(n).isPresent());
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
        if (!ops().delete(db) && !ignoreIfNotExists) {
            throw new DatabaseNotExistException(getName(), name);
        }
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase newDatabase, boolean ignoreIfNotExists)
            throws DatabaseNotExistException, CatalogException {
        Optional<String> glueName = validName(name);
        boolean updated =
                glueName.isPresent()
                        && ops().update(
                                        glueName.get(),
                                        GlueDatabaseConverter.toDatabaseInput(
                                                glueName.get(), newDatabase));
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
        Table table =
                glueTable(tablePath, true)
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
        return glueTable(tablePath, false).isPresent();
    }

    @Override
    public void createTable(ObjectPath tablePath, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException, CatalogException {
        String db = existingDatabase(tablePath.getDatabaseName());
        String name = GlueNames.table(tablePath.getObjectName());
        TableInput input = toInput(tablePath, name, table);
        if (!tables.create(db, input) && !ignoreIfExists) {
            throw new TableAlreadyExistException(getName(), tablePath);
        }
    }

    @Override
    public void alterTable(
            ObjectPath tablePath, CatalogBaseTable newTable, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        Optional<Table> current = glueTable(tablePath, false);
        if (current.isEmpty()) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), tablePath);
        }
        boolean isView = GlueTableConverter.isView(current.get());
        if (isView != (newTable.getTableKind() == CatalogBaseTable.TableKind.VIEW)) {
            throw new CatalogException(
                    String.format(
                            "%s is a %s in Glue catalog '%s' and cannot be altered into a %s:"
                                    + " drop it and create the %s instead.",
                            tablePath.getFullName(),
                            isView ? "view" : "table",
                            getName(),
                            isView ? "table" : "view",
                            isView ? "table" : "view"));
        }
        String db = GlueNames.database(tablePath.getDatabaseName());
        String name = GlueNames.table(tablePath.getObjectName());
        if (!tables.update(db, toInput(tablePath, name, newTable)) && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), tablePath);
        }
    }

    @Override
    public void renameTable(ObjectPath tablePath, String newTableName, boolean ignoreIfNotExists)
            throws TableNotExistException, TableAlreadyExistException, CatalogException {
        Optional<Table> current = glueTable(tablePath, false);
        if (current.isEmpty()) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), tablePath);
        }
        String db = GlueNames.database(tablePath.getDatabaseName());
        String oldName = current.get().name();
        String newName = GlueNames.table(newTableName);
        ObjectPath newPath = new ObjectPath(tablePath.getDatabaseName(), newTableName);
        // Glue has no rename: create the copy, move the partitions, then delete the original
        if (tables.get(db, newName).isPresent()
                || !tables.create(db, GlueTableConverter.renamed(current.get(), newName))) {
            throw new TableAlreadyExistException(getName(), newPath);
        }
        if (current.get().hasPartitionKeys() && !current.get().partitionKeys().isEmpty()) {
            for (Partition p : partitions.list(db, oldName)) {
                partitions.create(db, newName, GluePartitionConverter.copy(p));
            }
        }
        tables.delete(db, oldName);
    }

    @Override
    public void dropTable(ObjectPath tablePath, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        ops();
        Optional<String> db = validName(tablePath.getDatabaseName());
        Optional<String> name = validName(GlueNames::table, tablePath.getObjectName());
        boolean deleted = db.isPresent() && name.isPresent() && tables.delete(db.get(), name.get());
        if (!deleted && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), tablePath);
        }
    }

    // ------------------------------------------------------------------ partitions

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        return partitionsOf().list(tablePath);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException,
                    CatalogException {
        return partitionsOf().list(tablePath, partitionSpec);
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
        return partitionsOf().get(tablePath, partitionSpec);
    }

    @Override
    public boolean partitionExists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws CatalogException {
        return partitionsOf().exists(tablePath, partitionSpec);
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
        partitionsOf().create(tablePath, partitionSpec, partition, ignoreIfExists);
    }

    @Override
    public void dropPartition(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        partitionsOf().drop(tablePath, partitionSpec, ignoreIfNotExists);
    }

    @Override
    public void alterPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition newPartition,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        partitionsOf().alter(tablePath, partitionSpec, newPartition, ignoreIfNotExists);
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
        String name = GlueNames.function(functionPath.getObjectName());
        if (!functions.create(db, GlueFunctionConverter.toFunctionInput(name, function))
                && !ignoreIfExists) {
            throw new FunctionAlreadyExistException(getName(), functionPath);
        }
    }

    @Override
    public void alterFunction(
            ObjectPath functionPath, CatalogFunction newFunction, boolean ignoreIfNotExists)
            throws FunctionNotExistException, CatalogException {
        ops();
        Optional<String> db = validName(functionPath.getDatabaseName());
        Optional<String> name = validName(GlueNames::function, functionPath.getObjectName());
        boolean updated =
                db.isPresent()
                        && name.isPresent()
                        && functions.update(
                                db.get(),
                                name.get(),
                                GlueFunctionConverter.toFunctionInput(name.get(), newFunction));
        if (!updated && !ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), functionPath);
        }
    }

    @Override
    public void dropFunction(ObjectPath functionPath, boolean ignoreIfNotExists)
            throws FunctionNotExistException, CatalogException {
        ops();
        Optional<String> db = validName(functionPath.getDatabaseName());
        Optional<String> name = validName(GlueNames::function, functionPath.getObjectName());
        boolean deleted =
                db.isPresent() && name.isPresent() && functions.delete(db.get(), name.get());
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

    private FlinkPartitionSemantics partitionsOf() {
        ops();
        return partitionSemantics;
    }

    private GlueDatabaseOperations ops() {
        if (databases == null) {
            throw new CatalogException(
                    "Glue catalog '" + getName() + "' is not open: call open() before using it.");
        }
        return databases;
    }

    /**
     * The Glue name of {@code name} under {@code rule} (a {@link GlueNames} method), or empty for a
     * name Glue cannot hold (so such an object cannot exist).
     */
    private static Optional<String> validName(UnaryOperator<String> rule, String name) {
        try {
            return Optional.of(rule.apply(name));
        } catch (CatalogException invalid) {
            return Optional.empty();
        }
    }

    private static Optional<String> validName(String databaseName) {
        return validName(GlueNames::database, databaseName);
    }

    private String existingDatabase(String databaseName) throws DatabaseNotExistException {
        Optional<String> glueName = validName(databaseName);
        if (glueName.isEmpty() || ops().get(glueName.get()).isEmpty()) {
            throw new DatabaseNotExistException(getName(), databaseName);
        }
        return glueName.get();
    }

    private Optional<Table> glueTable(ObjectPath path, boolean rememberVersion) {
        ops();
        return glueTable(tables, path, rememberVersion);
    }

    /**
     * The Glue table at {@code path}, or empty if it does not exist or its name cannot exist in
     * Glue; {@code rememberVersion} records its version for a later optimistic update.
     */
    static Optional<Table> glueTable(
            GlueTableOperations tables, ObjectPath path, boolean rememberVersion) {
        Optional<String> db = validName(path.getDatabaseName());
        Optional<String> name = validName(GlueNames::table, path.getObjectName());
        if (db.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return rememberVersion
                ? tables.getForUpdate(db.get(), name.get())
                : tables.get(db.get(), name.get());
    }

    private void requireTable(ObjectPath path) throws TableNotExistException {
        if (glueTable(path, false).isEmpty()) {
            throw new TableNotExistException(getName(), path);
        }
    }

    private void acceptStatistics(ObjectPath tablePath, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (glueTable(tablePath, false).isEmpty()) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), tablePath);
        }
        LOG.debug("Statistics of {} are not stored in Glue; reported as unknown", tablePath);
    }

    private Optional<software.amazon.awssdk.services.glue.model.UserDefinedFunction> glueFunction(
            ObjectPath path) {
        Optional<String> db = validName(path.getDatabaseName());
        Optional<String> name = validName(GlueNames::function, path.getObjectName());
        ops();
        if (db.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return functions.get(db.get(), name.get());
    }

    /** The Glue input of a table or view, without inherited options; refuses secrets. */
    private TableInput toInput(ObjectPath path, String glueName, CatalogBaseTable table) {
        if (table instanceof ResolvedCatalogTable) {
            ResolvedCatalogTable resolved = (ResolvedCatalogTable) table;
            Map<String, String> options = inherited.strip(resolved.getOptions());
            refuseSecrets(path, options);
            return GlueTableConverter.toTableInput(glueName, resolved.copy(options));
        }
        if (table instanceof ResolvedCatalogView) {
            refuseSecrets(path, table.getOptions());
            return GlueTableConverter.toViewInput(glueName, (ResolvedCatalogView) table);
        }
        throw new CatalogException(
                String.format(
                        "Glue catalog '%s' stores resolved tables and views, but %s is a %s (%s):"
                                + " create it with SQL DDL or the Table API, which resolve it"
                                + " first. Materialized tables and models are not supported.",
                        getName(),
                        path.getFullName(),
                        table.getTableKind(),
                        table.getClass().getSimpleName()));
    }

    private void refuseSecrets(ObjectPath path, Map<String, String> options) {
        List<String> secretKeys =
                options.keySet().stream()
                        .filter(Secrets::isSecret)
                        .sorted()
                        .collect(Collectors.toList());
        if (!secretKeys.isEmpty()) {
            throw new CatalogException(
                    String.format(
                            "Table %s in Glue catalog '%s' sets %s, which carries a secret, and"
                                    + " the Glue catalog never writes secrets to Glue. Remove the"
                                    + " option from the table and either give the credentials to"
                                    + " the catalog (CREATE CATALOG ... WITH"
                                    + " ('aws.credentials.provider'='BASIC', ...): its Kinesis"
                                    + " tables inherit them without storing them), or use"
                                    + " credentials without secrets in options: the default chain"
                                    + " ('aws.credentials.provider'='AUTO': environment, profile,"
                                    + " instance or container role), PROFILE, ASSUME_ROLE or"
                                    + " WEB_IDENTITY_TOKEN.",
                            path.getFullName(),
                            getName(),
                            secretKeys.stream()
                                    .map(k -> "'" + k + "'")
                                    .collect(Collectors.joining(", "))));
        }
    }
}
