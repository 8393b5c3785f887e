package io.github.flinkkinesis.glue.catalog.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.glue.catalog.converter.FlinkTableSerialization.Serializer;
import io.github.flinkkinesis.glue.catalog.testutil.TestTables;
import java.util.List;
import java.util.Map;
import org.apache.flink.FlinkVersion;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogPropertiesUtil;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.TableDistribution;
import org.junit.jupiter.api.Test;

/**
 * The catalog's line seam: on the Flink this build runs (1.20 or 2.x), it finds the serialization
 * Flink has and round-trips tables and views; its choice between the two signatures, checked on
 * stand-in classes, is the same on every line.
 */
class FlinkTableSerializationTest {

    @Test
    void usesTheSqlFactoryFormExactlyWhenThisFlinkHasOne() {
        boolean hasSqlFactory;
        try {
            Class.forName(FlinkTableSerialization.SQL_FACTORY);
            hasSqlFactory = true;
        } catch (ClassNotFoundException e) {
            hasSqlFactory = false;
        }
        assertThat(FlinkTableSerialization.takesSqlFactory()).isEqualTo(hasSqlFactory);
    }

    @Test
    void aTableRoundTripsThroughThisFlinksSerialization() {
        ResolvedCatalogTable table = TestTables.kinesisTable(Map.of("aws.region", "eu-west-1"));
        Map<String, String> properties = FlinkTableSerialization.serializeTable(table);

        CatalogTable back = CatalogPropertiesUtil.deserializeCatalogTable(properties);
        assertThat(back.getOptions()).isEqualTo(table.getOptions());
        assertThat(back.getPartitionKeys()).containsExactly("day");
        assertThat(back.getComment()).isEqualTo("orders");
        assertThat(back.getUnresolvedSchema().getColumns())
                .extracting(Schema.UnresolvedColumn::getName)
                .containsExactly("Id", "name", "day", "arrival");
        assertThat(properties)
                .containsEntry("schema.0.data-type", "BIGINT NOT NULL")
                .containsEntry("schema.3.metadata", "timestamp")
                .containsEntry("schema.primary-key.columns", "Id");
    }

    @Test
    void aDistributionIsStoredWhereThisFlinkCanAndRefusedWhereItWouldBeLost() {
        ResolvedCatalogTable distributed =
                TestTables.distributed(TestTables.kinesisTable(Map.of()));
        if (TestTables.flinkSerializesDistributions()) {
            Map<String, String> properties = FlinkTableSerialization.serializeTable(distributed);
            assertThat(CatalogPropertiesUtil.deserializeCatalogTable(properties).getDistribution())
                    .contains(TableDistribution.ofHash(List.of("Id"), 4));
        } else {
            assertThatThrownBy(() -> FlinkTableSerialization.serializeTable(distributed))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining(
                            "Flink "
                                    + FlinkVersion.current()
                                    + " cannot store the table's"
                                    + " DISTRIBUTED BY clause")
                    .hasMessageContaining("use Flink 2.2 or later");
        }
    }

    @Test
    void aViewIsSerializedWithItsSchemaAndQueries() {
        ResolvedSchema schema =
                ResolvedSchema.of(Column.physical("n", DataTypes.BIGINT().notNull()));
        CatalogView view =
                CatalogView.of(
                        Schema.newBuilder().fromResolvedSchema(schema).build(),
                        "counts",
                        "SELECT COUNT(*) AS n FROM t",
                        "SELECT COUNT(*) AS `n` FROM `c`.`d`.`t`",
                        Map.of());
        Map<String, String> properties =
                FlinkTableSerialization.serializeView(new ResolvedCatalogView(view, schema));
        assertThat(properties)
                .containsEntry("schema.0.name", "n")
                .containsEntry("schema.0.data-type", "BIGINT NOT NULL")
                .containsEntry("comment", "counts");
    }

    // stand-ins for CatalogPropertiesUtil before and after Flink 2.1, and for its SqlFactory

    /** Flink 2.1's SqlFactory. */
    public interface FakeSqlFactory {}

    /** Flink 2.1's DefaultSqlFactory. */
    public static final class FakeDefaultSqlFactory implements FakeSqlFactory {
        public static final FakeDefaultSqlFactory INSTANCE = new FakeDefaultSqlFactory();
    }

    /** Flink 2.1 and later: a SqlFactory argument. */
    public static final class NewUtil {
        public static Map<String, String> serializeCatalogTable(
                String table, FakeSqlFactory factory) {
            return Map.of("form", "new", "table", table, "factory", factory.getClass().getName());
        }
    }

    /** Flink 1.20 and 2.0: one argument. */
    public static final class OldUtil {
        public static Map<String, String> serializeCatalogTable(String table) {
            if (table.isEmpty()) {
                throw new IllegalArgumentException("no table");
            }
            return Map.of("form", "old", "table", table);
        }
    }

    /** Neither form. */
    public static final class OtherUtil {}

    @Test
    void takesTheSqlFactoryFormWithTheDefaultFactoryWhenItExists() {
        Serializer s =
                Serializer.find(
                        NewUtil.class,
                        "serializeCatalogTable",
                        String.class,
                        FakeSqlFactory.class,
                        FakeDefaultSqlFactory.class);
        assertThat(s.serialize("t"))
                .containsEntry("form", "new")
                .containsEntry("table", "t")
                .containsEntry("factory", FakeDefaultSqlFactory.class.getName());
    }

    @Test
    void takesTheOneArgumentFormWithoutSqlFactoryOrWithoutTheNewMethod() {
        assertThat(
                        Serializer.find(
                                        OldUtil.class,
                                        "serializeCatalogTable",
                                        String.class,
                                        null,
                                        null)
                                .serialize("t"))
                .containsEntry("form", "old");
        // a Flink that has the factory classes but kept the old method
        assertThat(
                        Serializer.find(
                                        OldUtil.class,
                                        "serializeCatalogTable",
                                        String.class,
                                        FakeSqlFactory.class,
                                        FakeDefaultSqlFactory.class)
                                .serialize("t"))
                .containsEntry("form", "old");
    }

    @Test
    void failuresOfFlinksSerializationReachTheCallerUnwrapped() {
        Serializer s =
                Serializer.find(OldUtil.class, "serializeCatalogTable", String.class, null, null);
        assertThatThrownBy(() -> s.serialize(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no table");
    }

    @Test
    void aFlinkWithNeitherFormIsNamedWithTheSupportedVersions() {
        assertThatThrownBy(
                        () ->
                                Serializer.find(
                                        OtherUtil.class,
                                        "serializeCatalogTable",
                                        String.class,
                                        FakeSqlFactory.class,
                                        FakeDefaultSqlFactory.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "serializeCatalogTable(String, SqlFactory) (Flink 2.1 and later)")
                .hasMessageContaining("serializeCatalogTable(String) (Flink 1.20 and 2.0)");
    }
}
