package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.glue.catalog.testutil.FakeGlueClient;
import io.github.flinkkinesis.glue.catalog.testutil.TestTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.catalog.CatalogPartitionImpl;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Renaming a partitioned table on a {@link FakeGlueClient} that fails chosen calls: partitions are
 * copied in batches of at most 100, and a rename that fails after the new table was created is
 * rolled back so that the old table is complete and no copy is left behind.
 */
class GlueCatalogRenameTest {

    private static final int PARTITIONS = 250;
    private static final ObjectPath OLD = new ObjectPath("default", "orders");
    private static final ObjectPath NEW = new ObjectPath("default", "orders_v2");

    private FakeGlueClient glue;
    private GlueCatalog catalog;

    @BeforeEach
    void createPartitionedTable() throws Exception {
        glue = new FakeGlueClient(50);
        catalog = new GlueCatalog(GlueCatalogConfig.builder("glue").build(), glue);
        catalog.open();
        catalog.createTable(OLD, TestTables.kinesisTable(Map.of()), false);
        for (int i = 0; i < PARTITIONS; i++) {
            catalog.createPartition(
                    OLD,
                    day(i),
                    new CatalogPartitionImpl(Map.of("n", Integer.toString(i)), "day " + i),
                    false);
        }
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private static CatalogPartitionSpec day(int i) {
        return new CatalogPartitionSpec(Map.of("day", String.format("d%03d", i)));
    }

    /** What Glue holds of a table: the table and its partitions' values and parameters. */
    private List<Object> stored(String name) {
        List<Object> state = new ArrayList<>();
        Table table = glue.storedTable("default", name);
        state.add(table.parameters());
        state.add(table.storageDescriptor());
        state.add(table.partitionKeys());
        List<Partition> partitions =
                glue.getPartitionsPaginator(r -> r.databaseName("default").tableName(name)).stream()
                        .flatMap(page -> page.partitions().stream())
                        .toList();
        for (Partition p : partitions) {
            state.add(p.values() + " " + p.parameters() + " " + p.storageDescriptor());
        }
        return state;
    }

    @Test
    void partitionsAreCopiedInBatchesOfAtMostOneHundred() throws Exception {
        List<Object> before = stored("orders");
        int singleCreates = glue.calls("CreatePartition");

        catalog.renameTable(OLD, "orders_v2", false);

        assertThat(glue.calls("BatchCreatePartition")).isEqualTo(3); // 100 + 100 + 50
        assertThat(glue.calls("CreatePartition")).isEqualTo(singleCreates);
        assertThat(catalog.tableExists(OLD)).isFalse();
        assertThat(stored("orders_v2")).isEqualTo(before);
        assertThat(catalog.listPartitions(NEW)).hasSize(PARTITIONS).contains(day(0), day(249));
        assertThat(catalog.getPartition(NEW, day(149)).getComment()).isEqualTo("day 149");
    }

    /**
     * Runs the rename, which must fail with a message that holds {@code messageParts} and says it
     * was rolled back; Glue must then hold the old table exactly as before and no new table.
     */
    private void assertRenameRolledBack(String... messageParts) {
        List<Object> before = stored("orders");
        assertThatThrownBy(() -> catalog.renameTable(OLD, "orders_v2", false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("Renaming table default.orders to default.orders_v2 failed")
                .hasMessageContainingAll(messageParts)
                .hasMessageContaining("The rename was rolled back")
                .hasMessageContaining("run the rename again");
        assertThat(catalog.tableExists(NEW)).isFalse();
        assertThat(stored("orders")).isEqualTo(before);
    }

    @Test
    void aFailedBatchIsRolledBackAndNothingIsLost() {
        glue.failCall("BatchCreatePartition", 2);
        assertRenameRolledBack(
                "copying its partitions",
                "glue:BatchCreatePartition",
                "default.orders_v2 was dropped again");
    }

    @Test
    void anEntryRefusedInABatchIsRolledBackAndNamed() {
        glue.refuseInBatch(List.of("d150"));
        assertRenameRolledBack(
                "partitions 101 to 200 of 250",
                "refused 1 of them",
                "[d150]",
                "InternalServiceException");
    }

    @Test
    void aFailedDropOfTheOldTableIsRolledBack() {
        glue.failCall("DeleteTable", 1);
        assertRenameRolledBack("dropping the old table", "glue:DeleteTable");
    }

    @Test
    void aFailedRollbackSaysThatBothTablesExistAndWhatToDo() {
        List<Object> before = stored("orders");
        glue.failCall("BatchCreatePartition", 1);
        glue.deny("DeleteTable");

        assertThatThrownBy(() -> catalog.renameTable(OLD, "orders_v2", false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("The rollback failed too")
                .hasMessageContaining("glue:DeleteTable")
                .hasMessageContaining(
                        "default.orders_v2 exists next to the unchanged default.orders")
                .hasMessageContaining("drop default.orders_v2");

        assertThat(stored("orders")).isEqualTo(before);
        assertThat(catalog.tableExists(NEW)).isTrue();
    }

    @Test
    void aDropOfTheOldTableThatFailedAfterGlueAppliedItCompletesTheRename() throws Exception {
        List<Object> before = stored("orders");
        glue.failDeleteTableAfterApplying(1);

        catalog.renameTable(OLD, "orders_v2", false);

        assertThat(catalog.tableExists(OLD)).isFalse();
        assertThat(stored("orders_v2")).isEqualTo(before);
    }

    @Test
    void whenTheOldTableCannotBeCheckedAfterAFailedDropBothAreKept() {
        List<Object> before = stored("orders");
        glue.failCall("DeleteTable", 1);
        // GetTable calls of a rename: the old table, the new name, then the check after the drop
        glue.failCall("GetTable", 3);

        assertThatThrownBy(() -> catalog.renameTable(OLD, "orders_v2", false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("could not be checked")
                .hasMessageContaining("a complete copy, was kept")
                .hasMessageContaining("If default.orders still exists, drop default.orders_v2");

        assertThat(stored("orders")).isEqualTo(before);
        assertThat(stored("orders_v2")).isEqualTo(before);
    }
}
