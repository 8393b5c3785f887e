package io.github.flinkkinesis.glue.catalog.converter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * Maps Flink types to the Hive type strings that Glue columns carry (what Athena and Glue jobs
 * read) and parses Hive type strings of tables created by other tools back to Flink types.
 *
 * <p>The Hive column is a projection for other tools: Flink's exact type (NOT NULL, precision,
 * TIMESTAMP_LTZ, ...) is kept in the table parameters and wins on read. Types Hive cannot express
 * are widened: TIME and intervals become {@code string}, TIMESTAMP_LTZ becomes {@code timestamp},
 * MULTISET becomes {@code map<t,int>}, and CHAR/VARCHAR beyond Hive's lengths become {@code
 * string}.
 */
@Internal
final class HiveTypes {

    /** Hive's longest CHAR. */
    static final int HIVE_MAX_CHAR = 255;

    /** Hive's longest VARCHAR. */
    static final int HIVE_MAX_VARCHAR = 65535;

    private HiveTypes() {}

    /** The Hive type string of a Flink type. */
    static String toHive(LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
                {
                    int n = ((CharType) type).getLength();
                    return n >= 1 && n <= HIVE_MAX_CHAR ? "char(" + n + ")" : "string";
                }
            case VARCHAR:
                {
                    int n = ((VarCharType) type).getLength();
                    return n >= 1 && n <= HIVE_MAX_VARCHAR ? "varchar(" + n + ")" : "string";
                }
            case BOOLEAN:
                return "boolean";
            case BINARY:
            case VARBINARY:
                return "binary";
            case DECIMAL:
                {
                    DecimalType d = (DecimalType) type;
                    return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
                }
            case TINYINT:
                return "tinyint";
            case SMALLINT:
                return "smallint";
            case INTEGER:
                return "int";
            case BIGINT:
                return "bigint";
            case FLOAT:
                return "float";
            case DOUBLE:
                return "double";
            case DATE:
                return "date";
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_WITH_TIME_ZONE:
                return "timestamp";
            case ARRAY:
                return "array<" + toHive(((ArrayType) type).getElementType()) + ">";
            case MULTISET:
                return "map<" + toHive(((MultisetType) type).getElementType()) + ",int>";
            case MAP:
                {
                    MapType m = (MapType) type;
                    return "map<" + toHive(m.getKeyType()) + "," + toHive(m.getValueType()) + ">";
                }
            case ROW:
                return ((RowType) type)
                        .getFields().stream()
                                .map(f -> GlueNames.column(f.getName()) + ":" + toHive(f.getType()))
                                .collect(Collectors.joining(",", "struct<", ">"));
            default:
                // TIME, intervals, RAW, structured and other types Hive has no column type for
                return "string";
        }
    }

    /**
     * The Flink type of a Hive type string, for Glue tables that were not written by Flink (for
     * example Kinesis tables created in the Glue console or by a crawler).
     */
    static DataType toFlink(String hiveType) {
        Parser parser = new Parser(hiveType);
        DataType type = parser.type();
        parser.expectEnd();
        return type;
    }

    /** A small recursive-descent parser of Hive type strings. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text == null ? "" : text.trim();
        }

        DataType type() {
            String name = identifier().toLowerCase(Locale.ROOT);
            switch (name) {
                case "string":
                    return DataTypes.STRING();
                case "char":
                    return DataTypes.CHAR(intArgs(1)[0]);
                case "varchar":
                    return DataTypes.VARCHAR(intArgs(1)[0]);
                case "boolean":
                    return DataTypes.BOOLEAN();
                case "binary":
                    return DataTypes.BYTES();
                case "tinyint":
                    return DataTypes.TINYINT();
                case "smallint":
                    return DataTypes.SMALLINT();
                case "int":
                case "integer":
                    return DataTypes.INT();
                case "bigint":
                    return DataTypes.BIGINT();
                case "float":
                    return DataTypes.FLOAT();
                case "double":
                    return DataTypes.DOUBLE();
                case "date":
                    return DataTypes.DATE();
                case "timestamp":
                    return DataTypes.TIMESTAMP(3);
                case "decimal":
                    {
                        skipSpaces();
                        if (peek() != '(') {
                            return DataTypes.DECIMAL(10, 0); // Hive's default
                        }
                        int[] ps = intArgs(2);
                        return DataTypes.DECIMAL(ps[0], ps[1]);
                    }
                case "array":
                    {
                        expect('<');
                        DataType element = type();
                        expect('>');
                        return DataTypes.ARRAY(element);
                    }
                case "map":
                    {
                        expect('<');
                        DataType key = type();
                        expect(',');
                        DataType value = type();
                        expect('>');
                        return DataTypes.MAP(key, value);
                    }
                case "struct":
                    {
                        expect('<');
                        List<DataTypes.Field> fields = new ArrayList<>();
                        do {
                            String field = identifier();
                            expect(':');
                            fields.add(DataTypes.FIELD(field, type()));
                        } while (accept(','));
                        expect('>');
                        return DataTypes.ROW(fields.toArray(new DataTypes.Field[0]));
                    }
                default:
                    throw error("unknown type '" + name + "'");
            }
        }

        private int[] intArgs(int count) {
            expect('(');
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    expect(',');
                }
                skipSpaces();
                int start = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw error("expected a number");
                }
                values[i] = Integer.parseInt(text.substring(start, pos));
            }
            expect(')');
            return values;
        }

        private String identifier() {
            skipSpaces();
            int start = pos;
            while (pos < text.length()
                    && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name");
            }
            return text.substring(start, pos);
        }

        private boolean accept(char c) {
            skipSpaces();
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("expected '" + c + "'");
            }
        }

        void expectEnd() {
            skipSpaces();
            if (pos != text.length()) {
                throw error("unexpected text");
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private CatalogException error(String what) {
            return new CatalogException(
                    "Cannot read Glue column type '"
                            + text
                            + "': "
                            + what
                            + " at position "
                            + pos
                            + ". Supported Hive types: string, char(n), varchar(n), boolean,"
                            + " binary, tinyint, smallint, int, bigint, float, double, decimal(p,s),"
                            + " date, timestamp, array<t>, map<k,v>, struct<name:t,...>.");
        }
    }
}
