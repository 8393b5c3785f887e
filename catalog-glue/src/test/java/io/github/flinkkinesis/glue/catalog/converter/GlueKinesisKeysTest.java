package io.github.flinkkinesis.glue.catalog.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.flink.table.catalog.CatalogTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/** Glue tables that other tools created for Kinesis streams come back as kinesis tables. */
class GlueKinesisKeysTest {

    private static Table consoleTable(Map<String, String> tableParams, SerDeInfo serde) {
        return Table.builder()
                .databaseName("streams")
                .name("clicks")
                .tableType("EXTERNAL_TABLE")
                .parameters(tableParams)
                .storageDescriptor(
                        StorageDescriptor.builder()
                                .columns(
                                        Column.builder().name("user").type("string").build(),
                                        Column.builder().name("n").type("int").build())
                                .parameters(
                                        Map.of(
                                                "typeOfData", "kinesis",
                                                "streamARN",
                                                        "arn:aws:kinesis:us-east-1:1:stream/clicks"))
                                .serdeInfo(serde)
                                .build())
                .build();
    }

    @Test
    void aConsoleCreatedJsonKinesisTableBecomesAQueryableKinesisTable() {
        Table table = consoleTable(Map.of("classification", "json"), null);
        CatalogTable flink = (CatalogTable) GlueTableConverter.toFlink(table);
        assertThat(flink.getOptions())
                .containsEntry("connector", "kinesis")
                .containsEntry("stream.arn", "arn:aws:kinesis:us-east-1:1:stream/clicks")
                .containsEntry("format", "json");
        assertThat(flink.getUnresolvedSchema().getColumns())
                .extracting(c -> c.getName())
                .containsExactly("user", "n");
    }

    @Test
    void csvTablesKeepTheirDelimiterAndTheSerDeNamesTheFormatWithoutClassification() {
        Table csv =
                consoleTable(
                        Map.of("classification", "CSV"),
                        SerDeInfo.builder()
                                .serializationLibrary(GlueKinesisKeys.CSV_SERDE)
                                .parameters(Map.of("field.delim", "|"))
                                .build());
        assertThat(GlueKinesisKeys.flinkOptions(csv))
                .containsEntry("format", "csv")
                .containsEntry("csv.field-delimiter", "|");
        Table json =
                consoleTable(
                        Map.of(),
                        SerDeInfo.builder()
                                .serializationLibrary(GlueKinesisKeys.JSON_SERDE)
                                .build());
        assertThat(GlueKinesisKeys.flinkOptions(json)).containsEntry("format", "json");
    }

    @Test
    void aKinesisTableWithoutFormatIsAClearError() {
        assertThatThrownBy(() -> GlueKinesisKeys.flinkOptions(consoleTable(Map.of(), null)))
                .hasMessageContaining("streams.clicks")
                .hasMessageContaining("classification");
    }

    @Test
    void flinkKinesisTablesGetGlueKeys() {
        Map<String, String> params =
                GlueKinesisKeys.tableParameters(
                        Map.of("connector", "kinesis", "stream", "orders", "format", "csv"));
        assertThat(params)
                .containsEntry("typeOfData", "kinesis")
                .containsEntry("streamName", "orders")
                .containsEntry("classification", "csv")
                .doesNotContainKey("streamARN");
    }

    @Test
    void aTableOfSeveralStreamsGetsNoGlueKinesisMarkersAsNoAwsToolCanReadIt() {
        Map<String, String> listed =
                Map.of("connector", "kinesis", "stream.arn", "orders;payments", "format", "json");
        Map<String, String> pattern =
                Map.of("connector", "kinesis", "stream-pattern", "orders-.*", "format", "json");
        for (Map<String, String> options : List.of(listed, pattern)) {
            assertThat(GlueKinesisKeys.tableParameters(options)).isEmpty();
            StorageDescriptor.Builder sd = StorageDescriptor.builder();
            GlueKinesisKeys.describeStorage(options, sd);
            assertThat(sd.build().location()).isNull();
            assertThat(sd.build().parameters()).isEmpty();
        }
        assertThat(
                        GlueKinesisKeys.tableParameters(
                                Map.of("connector", "kinesis", "stream.arn", "orders")))
                .containsEntry("typeOfData", "kinesis")
                .containsEntry("streamName", "orders");
    }
}
