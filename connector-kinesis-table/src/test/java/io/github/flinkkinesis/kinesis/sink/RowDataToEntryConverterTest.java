package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.sink.partitioner.FixedPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.KinesisPartitioner;
import io.github.flinkkinesis.kinesis.sink.partitioner.RandomPartitioner;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestWriterContext;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;

class RowDataToEntryConverterTest {

    /** Writes the row's arity and its first two fields, so tests see what the format saw. */
    private static final SerializationSchema<RowData> VALUE =
            row ->
                    (row.getArity() + ":" + row.getInt(0) + ":" + row.getString(1))
                            .getBytes(StandardCharsets.UTF_8);

    private static final KinesisPartitioner<RowData> FIELDS =
            new RowDataFieldsPartitioner(
                    List.of("id", "name"),
                    new int[] {0, 1},
                    List.of(new IntType(), VarCharType.STRING_TYPE),
                    "|");

    /**
     * Opens the converter as this Flink line's AsyncSinkWriter does (FlinkLineElementConverter).
     */
    private static RowDataToEntryConverter open(RowDataToEntryConverter converter, int subtask) {
        FlinkLineElementConverter.openWith(converter, new TestWriterContext(subtask));
        return converter;
    }

    /** Physical (id INT, name STRING) + metadata (partition-key, explicit-hash-key). */
    private static GenericRowData row(int id, String name, String pk, String ehk) {
        return GenericRowData.of(
                id,
                StringData.fromString(name),
                pk == null ? null : StringData.fromString(pk),
                ehk == null ? null : StringData.fromString(ehk));
    }

    private static String text(KinesisSinkEntry e) {
        return new String(e.data(), StandardCharsets.UTF_8);
    }

    @Test
    void metadataPartitionKeyWinsOverThePartitionerAndIsNotPartOfTheValue() {
        RowDataToEntryConverter converter =
                open(
                        RowDataToEntryConverter.builder(VALUE, 2)
                                .partitionKeyMetadataPosition(2)
                                .explicitHashKeyMetadataPosition(3)
                                .partitioner(FIELDS, "the PARTITIONED BY fields", true)
                                .build(),
                        0);
        KinesisSinkEntry entry = converter.apply(row(7, "ann", "from-column", "42"), null);
        assertThat(entry.partitionKey()).isEqualTo("from-column");
        assertThat(entry.explicitHashKey()).isEqualTo("42");
        assertThat(text(entry)).isEqualTo("2:7:ann");
    }

    @Test
    void nullOrOversizedMetadataPartitionKeyFails() {
        RowDataToEntryConverter converter =
                open(
                        RowDataToEntryConverter.builder(VALUE, 2)
                                .partitionKeyMetadataPosition(2)
                                .partitioner(new RandomPartitioner<>(), "random", true)
                                .build(),
                        0);
        assertThatThrownBy(() -> converter.apply(row(1, "a", null, null), null))
                .hasMessageContaining("'partition-key' metadata column is null");
        assertThatThrownBy(() -> converter.apply(row(1, "a", "", null), null))
                .hasMessageContaining("'partition-key' metadata column is empty");
        assertThatThrownBy(() -> converter.apply(row(1, "a", "k".repeat(300), null), null))
                .hasMessageContaining("has 300 characters");
    }

    @Test
    void invalidExplicitHashKeyFailsNamingTheColumn() {
        RowDataToEntryConverter converter =
                open(
                        RowDataToEntryConverter.builder(VALUE, 2)
                                .explicitHashKeyMetadataPosition(3)
                                .partitioner(new RandomPartitioner<>(), "random", true)
                                .build(),
                        0);
        assertThat(converter.apply(row(1, "a", null, null), null).explicitHashKey()).isNull();
        assertThatThrownBy(() -> converter.apply(row(1, "a", null, "0x10"), null))
                .hasMessageContaining("'explicit-hash-key' metadata column is invalid");
    }

    @Test
    void fieldsPartitionerJoinsFieldsWithTheDelimiter() {
        RowDataToEntryConverter converter =
                open(
                        RowDataToEntryConverter.builder(VALUE, 2)
                                .partitioner(FIELDS, "the PARTITIONED BY fields", true)
                                .build(),
                        0);
        KinesisSinkEntry entry =
                converter.apply(GenericRowData.of(3, StringData.fromString("bob")), null);
        assertThat(entry.partitionKey()).isEqualTo("3|bob");
        assertThat(text(entry)).isEqualTo("2:3:bob");
    }

    @Test
    void fieldsPartitionerTruncatesLongKeysAndRejectsNullFields() {
        KinesisSinkEntry entry =
                open(
                                RowDataToEntryConverter.builder(VALUE, 2)
                                        .partitioner(FIELDS, "fields", true)
                                        .build(),
                                0)
                        .apply(GenericRowData.of(3, StringData.fromString("x".repeat(400))), null);
        assertThat(entry.partitionKey()).isEqualTo("3|" + "x".repeat(254));

        assertThatThrownBy(() -> FIELDS.getPartitionKey(GenericRowData.of(3, null)))
                .isInstanceOf(KinesisSinkException.class)
                .hasMessageContaining("PARTITIONED BY field 'name' is null")
                .hasMessageContaining("[id, name]");
    }

    @Test
    void fixedPartitionerUsesOneKeyPerSubtask() {
        RowDataToEntryConverter first =
                open(
                        RowDataToEntryConverter.builder(VALUE, 2)
                                .partitioner(new FixedPartitioner<>(), "fixed", true)
                                .build(),
                        0);
        RowDataToEntryConverter second =
                open(
                        RowDataToEntryConverter.builder(VALUE, 2)
                                .partitioner(new FixedPartitioner<>(), "fixed", true)
                                .build(),
                        1);
        GenericRowData r = GenericRowData.of(1, StringData.fromString("a"));
        assertThat(first.apply(r, null).partitionKey()).isEqualTo("0");
        assertThat(
                        first.apply(GenericRowData.of(2, StringData.fromString("b")), null)
                                .partitionKey())
                .isEqualTo("0");
        assertThat(second.apply(r, null).partitionKey()).isEqualTo("1");
    }

    @Test
    void randomPartitionerSpreadsKeys() {
        RowDataToEntryConverter converter =
                open(
                        RowDataToEntryConverter.builder(VALUE, 2)
                                .partitioner(new RandomPartitioner<>(), "random", true)
                                .build(),
                        0);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            keys.add(
                    converter
                            .apply(GenericRowData.of(i, StringData.fromString("a")), null)
                            .partitionKey());
        }
        assertThat(keys).hasSizeGreaterThan(95);
    }

    @Test
    void customPartitionerKeysAreCheckedNamingTheClass() {
        KinesisPartitioner<RowData> empty = row -> "";
        RowDataToEntryConverter converter =
                open(
                        RowDataToEntryConverter.builder(VALUE, 2)
                                .partitioner(empty, "partitioner class 'com.example.Empty'", false)
                                .build(),
                        0);
        assertThatThrownBy(
                        () ->
                                converter.apply(
                                        GenericRowData.of(1, StringData.fromString("a")), null))
                .hasMessageContaining("from partitioner class 'com.example.Empty' is empty");
    }
}
