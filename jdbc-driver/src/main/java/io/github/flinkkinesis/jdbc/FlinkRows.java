package io.github.flinkkinesis.jdbc;

import java.lang.reflect.Field;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Time;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.jdbc.FlinkResultSet;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads a column of the current row straight from Flink's result set, for the types whose {@code
 * getObject} Flink's driver rejects (ARRAY, ROW): the row Flink received is there, only its
 * conversion is missing.
 *
 * <p>Flink's result set keeps the row and the column types in private fields ({@code currentRow},
 * {@code dataTypeList}); they are read by reflection. That is safe because this jar bundles the one
 * driver version it was built and tested with ({@code ResultSetHandlerTest} fails if the fields
 * change); for any other result set the answer is empty and the caller reports Flink's error.
 */
final class FlinkRows {

    private static final Field CURRENT_ROW = field("currentRow");
    private static final Field DATA_TYPES = field("dataTypeList");

    private FlinkRows() {}

    /** The text of {@code column} (1-based) of the current row, if it can be read. */
    static Optional<String> text(ResultSet resultSet, int column) {
        if (!(resultSet instanceof FlinkResultSet) || CURRENT_ROW == null || DATA_TYPES == null) {
            return Optional.empty();
        }
        try {
            RowData row = (RowData) CURRENT_ROW.get(resultSet);
            @SuppressWarnings("unchecked")
            List<DataType> types = (List<DataType>) DATA_TYPES.get(resultSet);
            if (row == null) {
                return Optional.empty();
            }
            LogicalType type = types.get(column - 1).getLogicalType();
            Object value = RowData.createFieldGetter(type, column - 1).getFieldOrNull(row);
            return Optional.ofNullable(TextValues.format(javaValue(value, type)));
        } catch (IllegalAccessException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Flink's internal value as the Java value {@link TextValues} prints. */
    static Object javaValue(Object value, LogicalType type) {
        if (value == null) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return ((StringData) value).toString();
            case DECIMAL:
                return ((DecimalData) value).toBigDecimal();
            case DATE:
                return Date.valueOf(LocalDate.ofEpochDay((Integer) value));
            case TIME_WITHOUT_TIME_ZONE:
                return Time.valueOf(LocalTime.ofNanoOfDay((Integer) value * 1_000_000L));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return ((TimestampData) value).toTimestamp();
            case ARRAY:
                return elements((ArrayData) value, ((ArrayType) type).getElementType());
            case MAP:
                MapType map = (MapType) type;
                return entries((MapData) value, map.getKeyType(), map.getValueType());
            case ROW:
                return fields((RowData) value, (RowType) type);
            default:
                return value;
        }
    }

    private static List<Object> elements(ArrayData array, LogicalType elementType) {
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
        List<Object> elements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            elements.add(javaValue(getter.getElementOrNull(array, i), elementType));
        }
        return elements;
    }

    private static Map<Object, Object> entries(
            MapData map, LogicalType keyType, LogicalType valueType) {
        List<Object> keys = elements(map.keyArray(), keyType);
        List<Object> values = elements(map.valueArray(), valueType);
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            entries.put(keys.get(i), values.get(i));
        }
        return entries;
    }

    private static TextValues.RowValue fields(RowData row, RowType type) {
        List<Object> fields = new ArrayList<>(row.getArity());
        for (int i = 0; i < row.getArity(); i++) {
            LogicalType fieldType = type.getTypeAt(i);
            fields.add(
                    javaValue(
                            RowData.createFieldGetter(fieldType, i).getFieldOrNull(row),
                            fieldType));
        }
        return new TextValues.RowValue(fields);
    }

    private static Field field(String name) {
        try {
            Field field = FlinkResultSet.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
