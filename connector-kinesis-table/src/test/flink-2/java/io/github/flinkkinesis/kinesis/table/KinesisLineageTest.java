package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.KinesisPutRecordsProxy;
import io.github.flinkkinesis.kinesis.sink.KinesisSink;
import io.github.flinkkinesis.kinesis.sink.KinesisSinkConfig;
import io.github.flinkkinesis.kinesis.source.KinesisSource;
import io.github.flinkkinesis.kinesis.testutil.fakes.Utf8Deserializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.lineage.LineageDataset;
import org.apache.flink.streaming.api.lineage.LineageGraph;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.flink.streaming.api.lineage.SourceLineageVertex;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Flink 2.x: the source and the sink name their stream in Flink's lineage graph, checked on the
 * vertex each provides and on the lineage graph of a job's stream graph, as Flink builds it for its
 * job status listeners (planning only: nothing talks to Kinesis).
 */
class KinesisLineageTest {

    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders";

    private static LineageDataset onlyDataset(LineageVertex vertex) {
        assertThat(vertex.datasets()).hasSize(1);
        return vertex.datasets().get(0);
    }

    @Test
    void aSourceOfAnArnNamesTheArnInTheArnsRegion() {
        KinesisSource<String> source =
                KinesisSource.<String>builder().stream(StreamId.parse(ARN))
                        .awsConfig(AwsConfig.fromMap(Map.of("aws.region", "eu-west-1")))
                        .deserializer(new Utf8Deserializer())
                        .stopAtLatest()
                        .build();

        LineageVertex vertex = source.getLineageVertex();

        assertThat(vertex).isInstanceOf(SourceLineageVertex.class);
        assertThat(((SourceLineageVertex) vertex).boundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(onlyDataset(vertex).name()).isEqualTo(ARN);
        assertThat(onlyDataset(vertex).namespace()).isEqualTo("kinesis://eu-west-1");
    }

    @Test
    void aSourceOfSeveralStreamsNamesEachAndAPatternSourceNamesItsPattern() {
        KinesisSource<String> listed =
                KinesisSource.<String>builder()
                        .streams(List.of(StreamId.parse(ARN), StreamId.parse("payments")))
                        .awsConfig(AwsConfig.fromMap(Map.of("aws.region", "eu-west-1")))
                        .deserializer(new Utf8Deserializer())
                        .build();
        assertThat(listed.getLineageVertex().datasets())
                .extracting(d -> d.namespace() + " " + d.name())
                .containsExactly("kinesis://eu-west-1 " + ARN, "kinesis://eu-west-1 payments");

        KinesisSource<String> pattern =
                KinesisSource.<String>builder()
                        .streamPattern("orders-.*")
                        .awsConfig(AwsConfig.fromMap(Map.of("aws.region", "us-east-1")))
                        .deserializer(new Utf8Deserializer())
                        .build();
        assertThat(onlyDataset(pattern.getLineageVertex()).name()).isEqualTo("orders-.*");
        assertThat(onlyDataset(pattern.getLineageVertex()).namespace())
                .isEqualTo("kinesis://us-east-1");
    }

    @Test
    void aDataStreamJobsLineageGraphLinksTheReadAndTheWrittenStream() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KinesisSource<String> source =
                KinesisSource.<String>builder().stream(StreamId.parse(ARN))
                        .awsConfig(AwsConfig.fromMap(Map.of("aws.region", "eu-west-1")))
                        .deserializer(new Utf8Deserializer())
                        .build();
        StreamId totals = StreamId.parse("totals");
        AwsConfig usEast1 = AwsConfig.fromMap(Map.of("aws.region", "us-east-1"));
        KinesisSink<String> sink =
                new KinesisSink<>(
                        (value, context) ->
                                new KinesisSinkEntry(
                                        value.getBytes(StandardCharsets.UTF_8), value, null),
                        KinesisSinkConfig.builder(totals).build(),
                        KinesisPutRecordsProxy.factory(totals, usEast1),
                        "us-east-1");
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "in").sinkTo(sink);

        LineageGraph lineage = env.getStreamGraph().getLineageGraph();

        assertThat(lineage.relations()).hasSize(1);
        LineageDataset read = onlyDataset(lineage.relations().get(0).source());
        assertThat(List.of(read.namespace(), read.name()))
                .containsExactly("kinesis://eu-west-1", ARN);
        assertThat(lineage.relations().get(0).source().boundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        LineageDataset written = onlyDataset(lineage.relations().get(0).sink());
        assertThat(List.of(written.namespace(), written.name()))
                .containsExactly("kinesis://us-east-1", "totals");
    }

    /**
     * In SQL, Flink's planner names each dataset by its table and takes the namespace from the
     * connector's vertex where it can read one: from the sink (a {@code SinkV2Provider}), not from
     * the source, whose {@code DataStreamScanProvider} (kept for its stable uid) Flink does not ask
     * for lineage.
     */
    @Test
    void aSqlJobsLineageGraphNamesTheTablesAndTheSinksRegion() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        tableEnv.executeSql(
                "CREATE TABLE src (id INT) WITH ('connector' = 'kinesis', 'stream.arn' = '"
                        + ARN
                        + "', 'aws.region' = 'eu-west-1', 'format' = 'json')");
        tableEnv.executeSql(
                "CREATE TABLE dst (id INT) WITH ('connector' = 'kinesis', 'stream.arn' ="
                        + " 'totals', 'aws.region' = 'us-east-1', 'format' = 'json')");
        tableEnv.createStatementSet()
                .addInsertSql("INSERT INTO dst SELECT id FROM src WHERE id > 0")
                .attachAsDataStream();

        LineageGraph lineage = env.getStreamGraph().getLineageGraph();

        assertThat(lineage.sources()).hasSize(1);
        assertThat(onlyDataset(lineage.sources().get(0)).name()).contains("src");
        assertThat(lineage.sinks()).hasSize(1);
        LineageDataset written = onlyDataset(lineage.sinks().get(0));
        assertThat(written.name()).contains("dst");
        assertThat(written.namespace()).isEqualTo("kinesis://us-east-1");
        assertThat(lineage.relations()).hasSize(1);
    }
}
