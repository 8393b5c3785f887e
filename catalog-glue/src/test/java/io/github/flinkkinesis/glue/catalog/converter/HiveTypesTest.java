package io.github.flinkkinesis.glue.catalog.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.junit.jupiter.api.Test;

/** Flink to Hive type strings (what Athena sees) and Hive type strings back to Flink. */
class HiveTypesTest {

    private static String hive(DataType type) {
        return HiveTypes.toHive(type.getLogicalType());
    }

    @Test
    void mapsEveryFlinkTypeToAHiveType() {
        assertThat(hive(DataTypes.CHAR(3))).isEqualTo("char(3)");
        assertThat(hive(DataTypes.CHAR(300))).isEqualTo("string");
        assertThat(hive(DataTypes.VARCHAR(20))).isEqualTo("varchar(20)");
        assertThat(hive(DataTypes.STRING())).isEqualTo("string");
        assertThat(hive(DataTypes.BOOLEAN())).isEqualTo("boolean");
        assertThat(hive(DataTypes.BYTES())).isEqualTo("binary");
        assertThat(hive(DataTypes.BINARY(4))).isEqualTo("binary");
        assertThat(hive(DataTypes.DECIMAL(38, 10))).isEqualTo("decimal(38,10)");
        assertThat(hive(DataTypes.TINYINT())).isEqualTo("tinyint");
        assertThat(hive(DataTypes.SMALLINT())).isEqualTo("smallint");
        assertThat(hive(DataTypes.INT().notNull())).isEqualTo("int");
        assertThat(hive(DataTypes.BIGINT())).isEqualTo("bigint");
        assertThat(hive(DataTypes.FLOAT())).isEqualTo("float");
        assertThat(hive(DataTypes.DOUBLE())).isEqualTo("double");
        assertThat(hive(DataTypes.DATE())).isEqualTo("date");
        assertThat(hive(DataTypes.TIME(3))).isEqualTo("string");
        assertThat(hive(DataTypes.TIMESTAMP(9))).isEqualTo("timestamp");
        assertThat(hive(DataTypes.TIMESTAMP_LTZ(3))).isEqualTo("timestamp");
        assertThat(hive(DataTypes.INTERVAL(DataTypes.DAY()))).isEqualTo("string");
        assertThat(hive(DataTypes.ARRAY(DataTypes.INT()))).isEqualTo("array<int>");
        assertThat(hive(DataTypes.MULTISET(DataTypes.STRING()))).isEqualTo("map<string,int>");
        assertThat(hive(DataTypes.MAP(DataTypes.STRING(), DataTypes.ARRAY(DataTypes.DOUBLE()))))
                .isEqualTo("map<string,array<double>>");
        assertThat(
                        hive(
                                DataTypes.ROW(
                                        DataTypes.FIELD("Street", DataTypes.STRING()),
                                        DataTypes.FIELD(
                                                "geo",
                                                DataTypes.ROW(
                                                        DataTypes.FIELD(
                                                                "lat", DataTypes.DOUBLE()))))))
                .isEqualTo("struct<street:string,geo:struct<lat:double>>");
    }

    @Test
    void parsesHiveTypesOfTablesCreatedByOtherTools() {
        assertThat(HiveTypes.toFlink("string")).isEqualTo(DataTypes.STRING());
        assertThat(HiveTypes.toFlink("varchar(10)")).isEqualTo(DataTypes.VARCHAR(10));
        assertThat(HiveTypes.toFlink("decimal(12, 2)")).isEqualTo(DataTypes.DECIMAL(12, 2));
        assertThat(HiveTypes.toFlink("decimal")).isEqualTo(DataTypes.DECIMAL(10, 0));
        assertThat(HiveTypes.toFlink("timestamp")).isEqualTo(DataTypes.TIMESTAMP(3));
        assertThat(HiveTypes.toFlink("array<struct<a:int,b:map<string,bigint>>>"))
                .isEqualTo(
                        DataTypes.ARRAY(
                                DataTypes.ROW(
                                        DataTypes.FIELD("a", DataTypes.INT()),
                                        DataTypes.FIELD(
                                                "b",
                                                DataTypes.MAP(
                                                        DataTypes.STRING(), DataTypes.BIGINT())))));
    }

    @Test
    void roundTripsWhatHiveCanExpress() {
        DataType type =
                DataTypes.ROW(
                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                        DataTypes.FIELD("tags", DataTypes.ARRAY(DataTypes.VARCHAR(5))),
                        DataTypes.FIELD("price", DataTypes.DECIMAL(9, 3)));
        assertThat(HiveTypes.toFlink(hive(type))).isEqualTo(type);
    }

    @Test
    void unknownHiveTypesAreErrorsThatListTheSupportedOnes() {
        assertThatThrownBy(() -> HiveTypes.toFlink("uniontype<int,string>"))
                .hasMessageContaining("uniontype")
                .hasMessageContaining("Supported Hive types");
        assertThatThrownBy(() -> HiveTypes.toFlink("array<int"))
                .hasMessageContaining("expected '>'");
    }
}
