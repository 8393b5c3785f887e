package io.github.flinkkinesis.glue.catalog;

import io.github.flinkkinesis.glue.catalog.converter.GlueNames;
import io.github.flinkkinesis.glue.catalog.converter.GluePartitionConverter;
import io.github.flinkkinesis.glue.catalog.converter.GlueTableConverter;
import io.github.flinkkinesis.glue.catalog.operations.GluePartitionOperations;
import io.github.flinkkinesis.glue.catalog.operations.GlueTableOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.PartitionAlreadyExistsException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionSpecInvalidException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Flink's partition semantics on top of the Glue partition calls ({@code GluePartitionOperations}):
 * which exception for a missing table, an unpartitioned table, an invalid spec or a
 * missing/existing partition, and how a Flink partition spec (key to value) becomes Glue's value
 * list in the order of the table's partition keys. The table's Flink partition keys are read from
 * its stored schema on every call, so a concurrent ALTER is seen. Stateless; one instance per open
 * {@link GlueCatalog}.
 */
@Internal
final class FlinkPartitionSemantics {

    private final String catalogName;
    private final GlueTableOperations tables;
    private final GluePartitionOperations partitions;

    FlinkPartitionSemantics(
            String catalogName, GlueTableOperations tables, GluePartitionOperations partitions) {
        this.catalogName = catalogName;
        this.tables = tables;
        this.partitions = partitions;
    }

    List<CatalogPartitionSpec> list(ObjectPath tablePath)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        PartitionedTable t = partitionedTable(tablePath);
        return partitions.list(t.db, t.name).stream()
                .map(p -> GluePartitionConverter.spec(t.glueKeys, t.flinkKeys, p.values()))
                .collect(Collectors.toList());
    }

    List<CatalogPartitionSpec> list(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException,
                    CatalogException {
        PartitionedTable t = partitionedTable(tablePath);
        for (String key : partitionSpec.getPartitionSpec().keySet()) {
            if (!t.glueKeys.contains(GlueNames.column(key))) {
                throw new PartitionSpecInvalidException(
                        catalogName, t.flinkKeys, tablePath, partitionSpec);
            }
        }
        List<CatalogPartitionSpec> out = new ArrayList<>();
        for (Partition p : partitions.list(t.db, t.name)) {
            if (GluePartitionConverter.matches(t.glueKeys, p.values(), partitionSpec)) {
                out.add(GluePartitionConverter.spec(t.glueKeys, t.flinkKeys, p.values()));
            }
        }
        return out;
    }

    CatalogPartition get(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException, CatalogException {
        return findPartition(tablePath, partitionSpec)
                .map(GluePartitionConverter::toFlink)
                .orElseThrow(
                        () ->
                                new PartitionNotExistException(
                                        catalogName, tablePath, partitionSpec));
    }

    boolean exists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws CatalogException {
        return findPartition(tablePath, partitionSpec).isPresent();
    }

    void create(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition partition,
            boolean ignoreIfExists)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException,
                    PartitionAlreadyExistsException,
                    CatalogException {
        PartitionedTable t = partitionedTable(tablePath);
        List<String> values = t.values(partitionSpec);
        if (values == null) {
            throw new PartitionSpecInvalidException(
                    catalogName, t.flinkKeys, tablePath, partitionSpec);
        }
        if (!partitions.create(
                        t.db,
                        t.name,
                        GluePartitionConverter.toPartitionInput(
                                values, partition, t.table.storageDescriptor()))
                && !ignoreIfExists) {
            throw new PartitionAlreadyExistsException(catalogName, tablePath, partitionSpec);
        }
    }

    void drop(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        Optional<PartitionedTable> t = partitionedTableIfAny(tablePath);
        List<String> values = t.map(pt -> pt.values(partitionSpec)).orElse(null);
        boolean deleted = values != null && partitions.delete(t.get().db, t.get().name, values);
        if (!deleted && !ignoreIfNotExists) {
            throw new PartitionNotExistException(catalogName, tablePath, partitionSpec);
        }
    }

    void alter(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition newPartition,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        Optional<PartitionedTable> t = partitionedTableIfAny(tablePath);
        List<String> values = t.map(pt -> pt.values(partitionSpec)).orElse(null);
        Optional<Partition> current =
                values == null
                        ? Optional.empty()
                        : partitions.get(t.get().db, t.get().name, values);
        boolean updated =
                current.isPresent()
                        && partitions.update(
                                t.get().db,
                                t.get().name,
                                values,
                                GluePartitionConverter.toPartitionInput(
                                        values, newPartition, current.get().storageDescriptor()));
        if (!updated && !ignoreIfNotExists) {
            throw new PartitionNotExistException(catalogName, tablePath, partitionSpec);
        }
    }

    /** The Glue table, or empty if it does not exist or its name is one Glue cannot hold. */
    private Optional<Table> glueTable(ObjectPath path) {
        return GlueNameResolver.lookupTable(path).flatMap(p -> tables.get(p.database(), p.name()));
    }

    private Optional<PartitionedTable> partitionedTableIfAny(ObjectPath path) {
        Optional<GluePath> gluePath = GlueNameResolver.lookupTable(path);
        Optional<Table> table = gluePath.flatMap(p -> tables.get(p.database(), p.name()));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        CatalogBaseTable flink = GlueTableConverter.toFlink(table.get());
        if (!(flink instanceof CatalogTable) || !((CatalogTable) flink).isPartitioned()) {
            return Optional.empty();
        }
        return Optional.of(
                new PartitionedTable(
                        gluePath.get().database(),
                        table.get(),
                        ((CatalogTable) flink).getPartitionKeys()));
    }

    private PartitionedTable partitionedTable(ObjectPath path)
            throws TableNotExistException, TableNotPartitionedException {
        Optional<Table> table = glueTable(path);
        if (table.isEmpty()) {
            throw new TableNotExistException(catalogName, path);
        }
        return partitionedTableIfAny(path)
                .orElseThrow(() -> new TableNotPartitionedException(catalogName, path));
    }

    private Optional<Partition> findPartition(ObjectPath path, CatalogPartitionSpec spec) {
        Optional<PartitionedTable> t = partitionedTableIfAny(path);
        List<String> values = t.map(pt -> pt.values(spec)).orElse(null);
        return values == null ? Optional.empty() : partitions.get(t.get().db, t.get().name, values);
    }

    /** A partitioned Glue table with its Flink partition keys and their Glue (lowercase) names. */
    private static final class PartitionedTable {
        final Table table;
        final String db;
        final String name;
        final List<String> flinkKeys;
        final List<String> glueKeys;

        PartitionedTable(String db, Table table, List<String> flinkKeys) {
            this.table = table;
            this.db = db;
            this.name = table.name();
            this.flinkKeys = flinkKeys;
            this.glueKeys =
                    flinkKeys.stream()
                            .map(GlueNames::column)
                            .collect(Collectors.toUnmodifiableList());
        }

        /** The Glue values of a full spec, or null if the spec does not fit the keys. */
        List<String> values(CatalogPartitionSpec spec) {
            try {
                return GluePartitionConverter.values(glueKeys, spec);
            } catch (CatalogException invalid) {
                return null;
            }
        }
    }
}
