package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.source.KinesisSource;
import io.github.flinkkinesis.kinesis.testutil.FactoryTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SourceTransformation;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.types.DataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the planner pushes into the {@code kinesis} source, read from EXPLAIN (the planner's digest
 * of the scan, and the filter it keeps) and from the settings of the {@link KinesisSource} in the
 * query's stream graph. Planning only: nothing talks to Kinesis.
 */
class KinesisSourcePushDownTest {

    private static final String COLUMNS =
            "id INT, name STRING,"
                    + " arrival TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,"
                    + " shard STRING METADATA FROM 'shard-id' VIRTUAL";

    private StreamTableEnvironment tableEnv;

    @BeforeEach
    void createTables() {
        tableEnv =
                StreamTableEnvironment.create(
                        StreamExecutionEnvironment.getExecutionEnvironment(),
                        EnvironmentSettings.inStreamingMode());
        tableEnv.getConfig().set("table.local-time-zone", "UTC");
        Map<String, String> bounded = options("TRIM_HORIZON");
        bounded.put("source.stop.position", "LATEST");
        tableEnv.executeSql(ddl("bounded", bounded));
        tableEnv.executeSql(ddl("unbounded", options("TRIM_HORIZON")));
        Map<String, String> atTimestamp = options("AT_TIMESTAMP");
        atTimestamp.put("source.init.timestamp", "2024-06-01T00:00:00.000Z");
        atTimestamp.put("source.stop.position", "AT_TIMESTAMP");
        atTimestamp.put("source.stop.timestamp", "2024-06-03T00:00:00.000Z");
        tableEnv.executeSql(ddl("ranged", atTimestamp));
        tableEnv.executeSql(ddl("latest", options("LATEST")));
    }

    private static Map<String, String> options(String initialPosition) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", "orders");
        options.put("aws.region", "us-east-1");
        options.put("format", "json");
        options.put("source.init.position", initialPosition);
        return options;
    }

    private static String ddl(String table, Map<String, String> options) {
        return "CREATE TABLE "
                + table
                + " ("
                + COLUMNS
                + ") WITH ("
                + options.entrySet().stream()
                        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                        .collect(Collectors.joining(", "))
                + ")";
    }

    /**
     * What the source the planner built for {@code query} reads: the {@link KinesisSource} of the
     * query's stream graph, summarized as the operator's name (which Flink 2.x shows; 1.20's
     * planner names source operators by table).
     */
    private String sourceName(String query) {
        Transformation<?> result =
                tableEnv.toDataStream(tableEnv.sqlQuery(query)).getTransformation();
        List<KinesisSource<?>> sources = new ArrayList<>();
        for (Transformation<?> t : result.getTransitivePredecessors()) {
            if (t instanceof SourceTransformation) {
                sources.add((KinesisSource<?>) ((SourceTransformation<?, ?, ?>) t).getSource());
            }
        }
        assertThat(sources).hasSize(1);
        return KinesisDynamicSource.summary(sources.get(0).config());
    }

    @Test
    void aLowerBoundOnArrivalStartsTheReadAtThatTimeAndStaysInThePlan() {
        String query = "SELECT id FROM bounded WHERE arrival >= TO_TIMESTAMP_LTZ(1717200000000, 3)";
        String plan = tableEnv.explainSql(query);

        assertThat(plan).contains("filter=[>=(arrival");
        assertThat(plan.substring(plan.indexOf("== Optimized Physical Plan ==")))
                .as("the filter is still evaluated")
                .containsPattern("Calc\\(.*where=\\[>=\\(arrival");
        assertThat(sourceName(query))
                .isEqualTo(
                        "KinesisSource[orders, startAt=AT_TIMESTAMP(2024-06-01T00:00:00Z),"
                                + " stop=LATEST]");
    }

    @Test
    void aStrictLowerBoundStartsAtItsMillisecondAndTheLaterOfTwoBoundsWins() {
        assertThat(
                        sourceName(
                                "SELECT id FROM bounded WHERE arrival > TO_TIMESTAMP_LTZ(1717200000000, 3)"
                                        + " AND arrival >= TO_TIMESTAMP_LTZ(1717100000000, 3)"))
                .contains("startAt=AT_TIMESTAMP(2024-06-01T00:00:00Z)");
    }

    @Test
    void aLowerBoundBeforeTheConfiguredStartChangesNothing() {
        assertThat(
                        sourceName(
                                "SELECT id FROM ranged WHERE arrival >= TO_TIMESTAMP_LTZ(1717100000000, 3)"))
                .isEqualTo(
                        "KinesisSource[orders, startAt=AT_TIMESTAMP(2024-06-01T00:00:00Z),"
                                + " stop=AT_TIMESTAMP(2024-06-03T00:00:00Z)]");
    }

    @Test
    void anUpperBoundEndsABoundedReadEarlierButLeavesAnUnboundedOneUnbounded() {
        assertThat(
                        sourceName(
                                "SELECT id FROM ranged WHERE arrival < TO_TIMESTAMP_LTZ(1717300000000, 3)"))
                .contains("stop=AT_TIMESTAMP(2024-06-02T03:46:40Z)");
        assertThat(
                        sourceName(
                                "SELECT id FROM bounded WHERE arrival <= TO_TIMESTAMP_LTZ(1717300000000, 3)"))
                .contains("stop=LATEST(no later than 2024-06-02T03:46:40.001Z)");
        assertThat(
                        sourceName(
                                "SELECT id FROM unbounded WHERE arrival < TO_TIMESTAMP_LTZ(1717300000000, 3)"))
                .isEqualTo("KinesisSource[orders, startAt=TRIM_HORIZON]");
    }

    @Test
    void aLatestStartIsNotMovedByALowerBound() {
        assertThat(
                        sourceName(
                                "SELECT id FROM latest WHERE arrival >= TO_TIMESTAMP_LTZ(1717200000000, 3)"))
                .isEqualTo("KinesisSource[orders, startAt=LATEST]");
    }

    @Test
    void shardIdEqualityAndInListReadOnlyThoseShards() {
        assertThat(sourceName("SELECT id FROM unbounded WHERE shard = 'shardId-000000000001'"))
                .isEqualTo(
                        "KinesisSource[orders, startAt=TRIM_HORIZON,"
                                + " shards=[shardId-000000000001]]");
        String in =
                "SELECT id FROM unbounded WHERE shard IN ('shardId-000000000001',"
                        + " 'shardId-000000000003', 'shardId-000000000004',"
                        + " 'shardId-000000000005')";
        assertThat(sourceName(in))
                .contains(
                        "shards=[shardId-000000000001, shardId-000000000003,"
                                + " shardId-000000000004, shardId-000000000005]");
        assertThat(tableEnv.explainSql(in)).containsPattern("Calc\\(.*where=");
    }

    @Test
    void aFilterOnAPhysicalColumnOrAnotherFunctionIsNotUsed() {
        assertThat(sourceName("SELECT id FROM bounded WHERE id > 3 OR shard = 'x'"))
                .isEqualTo("KinesisSource[orders, startAt=TRIM_HORIZON, stop=LATEST]");
    }

    @Test
    void limitOnABoundedReadStopsEachReaderButNotAnUnboundedOne() {
        String bounded = "SELECT id FROM bounded LIMIT 7";
        assertThat(tableEnv.explainSql(bounded)).contains("limit=[7]");
        assertThat(sourceName(bounded)).contains("limit=7");
        assertThat(sourceName("SELECT id FROM unbounded LIMIT 7")).doesNotContain("limit");
    }

    @Test
    void aCopyKeepsWhatWasPushedAndTheOriginalIsNotChangedByTheCopy() {
        Map<String, String> options = options("TRIM_HORIZON");
        options.put("source.stop.position", "LATEST");
        KinesisDynamicSource source =
                (KinesisDynamicSource)
                        FactoryUtil.createDynamicTableSource(
                                null,
                                ObjectIdentifier.of("c", "d", "t"),
                                FactoryTables.idNameTable(options, List.of()),
                                Map.of(),
                                new Configuration(),
                                getClass().getClassLoader(),
                                false);
        DataType produced =
                DataTypes.ROW(
                        DataTypes.FIELD("id", DataTypes.INT()),
                        DataTypes.FIELD("name", DataTypes.STRING()),
                        DataTypes.FIELD("shard", DataTypes.STRING()));
        source.applyReadableMetadata(List.of("shard-id"), produced);
        ResolvedExpression shardIs1 =
                CallExpression.permanent(
                        BuiltInFunctionDefinitions.EQUALS,
                        List.of(
                                new FieldReferenceExpression("shard", DataTypes.STRING(), 0, 2),
                                new ValueLiteralExpression("shardId-000000000001")),
                        DataTypes.BOOLEAN());
        ResolvedExpression idIs1 =
                CallExpression.permanent(
                        BuiltInFunctionDefinitions.EQUALS,
                        List.of(
                                new FieldReferenceExpression("id", DataTypes.INT(), 0, 0),
                                new ValueLiteralExpression(1)),
                        DataTypes.BOOLEAN());
        String before = source.asSummaryString();

        KinesisDynamicSource pushed = (KinesisDynamicSource) source.copy();
        SupportsFilterPushDown.Result result = pushed.applyFilters(List.of(shardIs1, idIs1));
        pushed.applyLimit(3);

        assertThat(result.getAcceptedFilters()).containsExactly(shardIs1);
        assertThat(result.getRemainingFilters()).containsExactly(shardIs1, idIs1);
        assertThat(source.asSummaryString()).isEqualTo(before);
        DynamicTableSource copy = pushed.copy();
        assertThat(copy).isEqualTo(pushed).isNotEqualTo(source);
        assertThat(copy.asSummaryString())
                .isEqualTo(
                        "KinesisSource[orders, startAt=TRIM_HORIZON, stop=LATEST,"
                                + " shards=[shardId-000000000001], limit=3]");
    }
}
