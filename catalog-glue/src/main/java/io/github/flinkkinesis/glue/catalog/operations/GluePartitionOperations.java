package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.glue.catalog.exception.GlueExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;

/**
 * Glue partition calls of one partitioned table: get, list (all pages), create, update, delete. A
 * partition is identified by its values in the order of the table's partition keys.
 */
@Internal
public final class GluePartitionOperations {

    /** Glue's largest number of partitions in one BatchCreatePartition call. */
    static final int MAX_BATCH_CREATE = 100;

    private final GlueConnection glue;

    public GluePartitionOperations(GlueConnection glue) {
        this.glue = glue;
    }

    public Optional<Partition> get(String database, String table, List<String> values) {
        try {
            return Optional.of(
                    glue.client()
                            .getPartition(
                                    r ->
                                            r.catalogId(glue.catalogId())
                                                    .databaseName(database)
                                                    .tableName(table)
                                                    .partitionValues(values))
                            .partition());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "GetPartition", describe(database, table, values));
        }
    }

    /** Every partition of the table, across all pages. */
    public List<Partition> list(String database, String table) {
        List<Partition> partitions = new ArrayList<>();
        try {
            for (GetPartitionsResponse page :
                    glue.client()
                            .getPartitionsPaginator(
                                    r ->
                                            r.catalogId(glue.catalogId())
                                                    .databaseName(database)
                                                    .tableName(table))) {
                partitions.addAll(page.partitions());
            }
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(
                    e, "GetPartitions", "the partitions of table " + database + "." + table);
        }
        return partitions;
    }

    /** Creates the partition; false if it exists already. */
    public boolean create(String database, String table, PartitionInput input) {
        try {
            glue.client()
                    .createPartition(
                            r ->
                                    r.catalogId(glue.catalogId())
                                            .databaseName(database)
                                            .tableName(table)
                                            .partitionInput(input));
            return true;
        } catch (AlreadyExistsException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(
                    e, "CreatePartition", describe(database, table, input.values()));
        }
    }

    /**
     * Creates every partition of {@code inputs} in the table, in calls of at most {@value
     * #MAX_BATCH_CREATE} (Glue's limit per BatchCreatePartition). Glue answers a batch with the
     * entries it refused; any refused entry, as any failed call, is an error that counts the
     * partitions created before it. Partitions of earlier batches stay created.
     */
    public void createAll(String database, String table, List<PartitionInput> inputs) {
        for (int from = 0; from < inputs.size(); from += MAX_BATCH_CREATE) {
            List<PartitionInput> batch =
                    inputs.subList(from, Math.min(inputs.size(), from + MAX_BATCH_CREATE));
            String resource =
                    String.format(
                            "partitions %d to %d of %d of table %s.%s",
                            from + 1, from + batch.size(), inputs.size(), database, table);
            BatchCreatePartitionResponse response;
            try {
                response =
                        glue.client()
                                .batchCreatePartition(
                                        r ->
                                                r.catalogId(glue.catalogId())
                                                        .databaseName(database)
                                                        .tableName(table)
                                                        .partitionInputList(batch));
            } catch (SdkException e) {
                throw GlueExceptionMapper.map(e, "BatchCreatePartition", resource);
            }
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw GlueExceptionMapper.mapRefusedEntries(
                        "BatchCreatePartition", resource, response.errors());
            }
        }
    }

    /** Replaces the partition's parameters and storage; false if it does not exist. */
    public boolean update(
            String database, String table, List<String> values, PartitionInput input) {
        try {
            glue.client()
                    .updatePartition(
                            r ->
                                    r.catalogId(glue.catalogId())
                                            .databaseName(database)
                                            .tableName(table)
                                            .partitionValueList(values)
                                            .partitionInput(input));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "UpdatePartition", describe(database, table, values));
        }
    }

    /** Deletes the partition; false if it does not exist. */
    public boolean delete(String database, String table, List<String> values) {
        try {
            glue.client()
                    .deletePartition(
                            r ->
                                    r.catalogId(glue.catalogId())
                                            .databaseName(database)
                                            .tableName(table)
                                            .partitionValues(values));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(e, "DeletePartition", describe(database, table, values));
        }
    }

    private static String describe(String database, String table, List<String> values) {
        return "partition " + values + " of table " + database + "." + table;
    }
}
