package io.github.flinkkinesis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.jdbc.FakeJdbc.FakeStatement;
import io.github.flinkkinesis.jdbc.FakeJdbc.Rows;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.jdbc.FlinkResultSet;
import org.apache.flink.table.jdbc.utils.CollectionResultIterator;
import org.apache.flink.table.types.DataType;
import org.junit.jupiter.api.Test;

/**
 * {@code getString} and {@code getObject} on every column type, through the wrapper around Flink's
 * real result set (rows as the gateway's JSON rows become them: Flink's internal data). This also
 * pins the private fields {@link FlinkRows} reads. (MULTISET, INTERVAL and RAW columns are missing:
 * Flink's result set rejects them when it is created, before any wrapper sees them.)
 */
class ResultSetHandlerTest {

    private static final List<String> NAMES = new ArrayList<>();
    private static final List<DataType> TYPES = new ArrayList<>();
    private static final List<Object> VALUES = new ArrayList<>();
    private static final List<String> TEXTS = new ArrayList<>();

    static {
        column("id", DataTypes.BIGINT(), 42L, "42");
        column("amount", DataTypes.DECIMAL(10, 2), decimal("19.90"), "19.90");
        column(
                "arrival",
                DataTypes.TIMESTAMP_LTZ(3),
                TimestampData.fromInstant(Instant.parse("2026-12-02T06:04:32.123Z")),
                "2026-12-02 06:04:32.123");
        column(
                "local",
                DataTypes.TIMESTAMP(3),
                TimestampData.fromInstant(Instant.parse("2026-12-02T06:04:32Z")),
                "2026-12-02 06:04:32.0");
        column("day", DataTypes.DATE(), (int) LocalDate.of(2026, 12, 2).toEpochDay(), "2026-12-02");
        column(
                "clock",
                DataTypes.TIME(0),
                (int) (LocalTime.of(6, 4, 32).toNanoOfDay() / 1_000_000),
                "06:04:32");
        column("flag", DataTypes.BOOLEAN(), true, "true");
        column("small", DataTypes.SMALLINT(), (short) 7, "7");
        column("ratio", DataTypes.DOUBLE(), 1.5, "1.5");
        column("bytes", DataTypes.BYTES(), new byte[] {0x0a, 0x1b}, "x'0a1b'");
        column(
                "numbers",
                DataTypes.ARRAY(DataTypes.INT()),
                new GenericArrayData(new Object[] {1, null, 3}),
                "[1, NULL, 3]");
        column(
                "counts",
                DataTypes.MAP(DataTypes.STRING(), DataTypes.INT()),
                new GenericMapData(Map.of(StringData.fromString("k"), 7)),
                "{k=7}");
        column(
                "pair",
                DataTypes.ROW(
                        DataTypes.FIELD("a", DataTypes.INT()),
                        DataTypes.FIELD("b", DataTypes.ARRAY(DataTypes.STRING()))),
                GenericRowData.of(
                        1, new GenericArrayData(new Object[] {StringData.fromString("x")})),
                "(1, [x])");
        column("name", DataTypes.STRING(), StringData.fromString("alice"), "alice");
    }

    private static void column(String name, DataType type, Object value, String text) {
        NAMES.add(name);
        TYPES.add(type);
        VALUES.add(value);
        TEXTS.add(text);
    }

    @Test
    void getStringReadsEveryColumnType() throws SQLException {
        ResultSet rows = wrap(GenericRowData.of(VALUES.toArray()));
        assertThat(rows.next()).isTrue();
        for (int i = 1; i <= NAMES.size(); i++) {
            assertThat(rows.getString(i)).as(NAMES.get(i - 1)).isEqualTo(TEXTS.get(i - 1));
            assertThat(rows.getString(NAMES.get(i - 1))).isEqualTo(TEXTS.get(i - 1));
            // Zeppelin reads getObject first and getString only when it is not null
            assertThat(rows.getObject(i)).as(NAMES.get(i - 1)).isNotNull();
        }
        assertThat(rows.getObject("numbers")).isEqualTo("[1, NULL, 3]");
        assertThat(rows.getObject("amount")).isEqualTo(new BigDecimal("19.90"));
        assertThat(rows.next()).isFalse();
    }

    @Test
    void nullIsNullInEveryColumnType() throws SQLException {
        ResultSet rows = wrap(new GenericRowData(NAMES.size()));
        assertThat(rows.next()).isTrue();
        for (int i = 1; i <= NAMES.size(); i++) {
            assertThat(rows.getString(i)).as(NAMES.get(i - 1)).isNull();
            assertThat(rows.getObject(i)).as(NAMES.get(i - 1)).isNull();
        }
    }

    @Test
    void wasNullAnswersForTheColumnReadLast() throws SQLException {
        Object[] values = VALUES.toArray();
        values[0] = null;
        ResultSet rows = wrap(GenericRowData.of(values));
        rows.next();
        assertThat(rows.getLong("id")).isZero();
        assertThat(rows.wasNull()).isTrue();
        assertThat(rows.getBigDecimal("amount")).isEqualByComparingTo("19.90");
        assertThat(rows.wasNull()).isFalse();
        assertThat(rows.getString("numbers")).isEqualTo("[1, NULL, 3]");
        assertThat(rows.wasNull()).isFalse();
    }

    @Test
    void flinksErrorsStayForWrongColumns() throws SQLException {
        ResultSet rows = wrap(GenericRowData.of(VALUES.toArray()));
        assertThatThrownBy(() -> rows.getString(1)).hasMessageContaining("Not on a valid row");
        rows.next();
        assertThatThrownBy(() -> rows.getString(NAMES.size() + 1)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rows.getString("missing")).isInstanceOf(SQLException.class);
    }

    private static ResultSet wrap(RowData row) {
        Statement statement = new FakeStatement(new Rows(() -> null)).proxy();
        FlinkResultSet flink =
                new FlinkResultSet(
                        statement,
                        new CollectionResultIterator(List.of(row).iterator()),
                        ResolvedSchema.physical(NAMES, TYPES));
        return ResultSetHandler.wrap(flink, statement, 0);
    }

    private static DecimalData decimal(String value) {
        return DecimalData.fromBigDecimal(new BigDecimal(value), 10, 2);
    }
}
