package io.github.flinkkinesis.jdbc;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The text of a value as {@code getString} returns it, for values that Flink's {@code getObject}
 * returns (and, through {@link FlinkRows}, for the nested values it does not).
 *
 * <ul>
 *   <li>NULL: {@code null};
 *   <li>numbers and booleans: Java's text ({@code 42}, {@code 1.5}, {@code true}); DECIMAL without
 *       exponent ({@code 19.90});
 *   <li>DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ: JDBC's text ({@code 2026-12-02 06:04:32.123}); a
 *       TIMESTAMP_LTZ is the instant's UTC time, as Flink's driver returns it;
 *   <li>BINARY, VARBINARY: a hex literal, {@code x'0a1b'};
 *   <li>ARRAY {@code [a, b]}, MAP {@code {k=v, ...}}, ROW {@code (a, b)}, nested values in the same
 *       forms, NULL inside them as {@code NULL}.
 * </ul>
 */
final class TextValues {

    /** A ROW's fields, to tell it from an ARRAY when printing. */
    record RowValue(Collection<?> fields) {}

    private TextValues() {}

    static String format(Object value) {
        return value == null ? null : nested(value);
    }

    private static String nested(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return "x'" + HexFormat.of().formatHex(bytes) + "'";
        }
        if (value instanceof RowValue row) {
            return join(row.fields(), "(", ")");
        }
        if (value instanceof Collection<?> elements) {
            return join(elements, "[", "]");
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner text = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> text.add(nested(k) + "=" + nested(v)));
            return text.toString();
        }
        return value.toString();
    }

    private static String join(Collection<?> values, String open, String close) {
        StringJoiner text = new StringJoiner(", ", open, close);
        values.forEach(v -> text.add(nested(v)));
        return text.toString();
    }
}
