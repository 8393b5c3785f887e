package io.github.flinkkinesis.glue.catalog.converter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionImpl;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * Converts Flink partition specs and partitions to Glue partitions and back.
 *
 * <p>Glue identifies a partition by its values in the order of the table's partition keys; Flink by
 * a map from key to value. The partition comment is kept in the parameter {@value #COMMENT}.
 */
@Internal
public final class GluePartitionConverter {

    static final String COMMENT = "flink-catalog.comment";

    private GluePartitionConverter() {}

    /**
     * The Glue values of a full spec, in partition-key order; an error naming the keys if the spec
     * does not name exactly the table's partition keys.
     */
    public static List<String> values(List<String> partitionKeys, CatalogPartitionSpec spec) {
        Map<String, String> byKey = spec.getPartitionSpec();
        if (byKey.size() != partitionKeys.size()
                || !byKey.keySet().stream()
                        .map(k -> k.toLowerCase(Locale.ROOT))
                        .allMatch(partitionKeys::contains)) {
            throw new CatalogException(
                    "Partition spec "
                            + byKey
                            + " must give a value for each partition key "
                            + partitionKeys
                            + " and nothing else.");
        }
        Map<String, String> lower = new HashMap<>();
        byKey.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        List<String> values = new ArrayList<>();
        for (String key : partitionKeys) {
            values.add(lower.get(key));
        }
        return values;
    }

    /** True if the partition {@code values} match every key that {@code partial} names. */
    public static boolean matches(
            List<String> partitionKeys, List<String> values, CatalogPartitionSpec partial) {
        for (Map.Entry<String, String> e : partial.getPartitionSpec().entrySet()) {
            int i = partitionKeys.indexOf(e.getKey().toLowerCase(Locale.ROOT));
            if (i < 0 || !e.getValue().equals(values.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The Flink spec of Glue partition {@code values}. */
    public static CatalogPartitionSpec spec(
            List<String> partitionKeys, List<String> flinkKeys, List<String> values) {
        Map<String, String> spec = new LinkedHashMap<>();
        for (int i = 0; i < partitionKeys.size(); i++) {
            spec.put(flinkKeys.get(i), values.get(i));
        }
        return new CatalogPartitionSpec(spec);
    }

    /** The Glue input of a Flink partition. */
    public static PartitionInput toPartitionInput(
            List<String> values, CatalogPartition partition, StorageDescriptor tableStorage) {
        Map<String, String> params = new LinkedHashMap<>();
        if (partition.getProperties() != null) {
            params.putAll(partition.getProperties());
        }
        if (partition.getComment() != null) {
            params.put(COMMENT, partition.getComment());
        }
        PartitionInput.Builder input = PartitionInput.builder().values(values).parameters(params);
        if (tableStorage != null) {
            input.storageDescriptor(tableStorage);
        }
        return input.build();
    }

    /** The input that recreates a Glue partition (for table renames). */
    public static PartitionInput copy(Partition partition) {
        return PartitionInput.builder()
                .values(partition.values())
                .parameters(partition.hasParameters() ? partition.parameters() : Map.of())
                .storageDescriptor(partition.storageDescriptor())
                .build();
    }

    /** The Flink partition of a Glue partition. */
    public static CatalogPartition toFlink(Partition partition) {
        Map<String, String> params =
                partition.hasParameters() ? new HashMap<>(partition.parameters()) : new HashMap<>();
        String comment = params.remove(COMMENT);
        // Flink's own catalogs build partitions the same way: CatalogPartition has no public
        // factory
        return new CatalogPartitionImpl(params, comment);
    }
}
