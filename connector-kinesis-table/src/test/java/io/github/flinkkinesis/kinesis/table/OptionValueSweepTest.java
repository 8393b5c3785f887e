package io.github.flinkkinesis.kinesis.table;

import static io.github.flinkkinesis.kinesis.testutil.FactoryTables.causeMessages;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.aws.Secrets;
import io.github.flinkkinesis.kinesis.testutil.FactoryTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.factories.FactoryUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option the factory declares, under every key it may be written with, gets the values users
 * get wrong — blank, of the wrong type, negative, zero, overflowing — and each wrong one fails when
 * the table is created (source and sink alike), with an error that names the key as written and the
 * value (a secret's value is never shown). The few values that are right for an option (zero
 * pauses, a blank delimiter, a string that is any text) must be accepted instead.
 */
class OptionValueSweepTest {

    /** Values that are fine for these options, with why. */
    private static final Map<String, Set<String>> ACCEPTED =
            Map.of(
                    // zero pause between GetRecords calls: poll again at once
                    "source.reader.empty-records-fetch-interval", Set.of("0 ms"),
                    "source.reader.nonempty-records-fetch-interval", Set.of("0 ms"),
                    // no bound: retryable errors are retried forever
                    "sink.retry.max-duration", Set.of("0 ms"),
                    // an empty delimiter joins the PARTITIONED BY fields without one
                    "sink.partitioner-field-delimiter", Set.of(""));

    record Case(ConfigOption<?> option, String key, String value) {
        @Override
        public String toString() {
            return "'" + key + "' = '" + value + "'";
        }
    }

    static Stream<Case> cases() {
        KinesisDynamicTableFactory factory = new KinesisDynamicTableFactory();
        Set<ConfigOption<?>> options = new LinkedHashSet<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        List<Case> cases = new ArrayList<>();
        for (ConfigOption<?> option : options) {
            if (option.equals(FactoryUtil.FORMAT)) {
                continue; // Flink's own option, checked by Flink
            }
            List<String> keys = new ArrayList<>();
            keys.add(option.key());
            for (FallbackKey fallback : option.fallbackKeys()) {
                keys.add(fallback.getKey());
            }
            for (String key : keys) {
                for (String value : wrongValues(option)) {
                    cases.add(new Case(option, key, value));
                }
            }
        }
        return cases.stream();
    }

    private static List<String> wrongValues(ConfigOption<?> option) {
        List<String> values = new ArrayList<>(List.of(""));
        Object example = option.hasDefaultValue() ? option.defaultValue() : null;
        if (example instanceof Integer) {
            values.addAll(List.of("abc", "-1", "0", "99999999999999999999"));
        } else if (example instanceof Duration) {
            values.addAll(List.of("abc", "-1 s", "0 ms", "99999999999999999999 d"));
        } else if (example instanceof MemorySize) {
            values.addAll(List.of("abc", "-1", "0", "99999999999999999999 tb"));
        } else if (example instanceof Boolean || example instanceof Enum) {
            values.add("abc");
        }
        return values;
    }

    private static Map<String, String> table(Case c) {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "kinesis");
        options.put("stream.arn", "orders");
        options.put("aws.region", "us-east-1");
        options.put("format", "json");
        options.remove(c.option().key());
        options.put(c.key(), c.value());
        return options;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWrongValueFailsAtCreateTimeNamingTheKeyAndValue(Case c) {
        boolean accepted = ACCEPTED.getOrDefault(c.option().key(), Set.of()).contains(c.value());
        for (boolean source : new boolean[] {true, false}) {
            Throwable error = create(table(c), source);
            String where = (source ? "source" : "sink") + " with " + c;
            if (accepted) {
                assertThat(error).as(where).isNull();
                continue;
            }
            assertThat(error).as(where + " must fail at CREATE time").isNotNull();
            List<String> messages = causeMessages(error);
            assertThat(messages)
                    .as("messages of %s", where)
                    .anyMatch(
                            m ->
                                    m.contains("'" + c.key() + "'")
                                            && (Secrets.isSecret(c.key())
                                                    ? !m.contains("'" + c.value() + "'")
                                                            || c.value().isEmpty()
                                                    : m.contains("'" + c.value() + "'")));
        }
    }

    private static Throwable create(Map<String, String> options, boolean source) {
        ObjectIdentifier id = ObjectIdentifier.of("c", "d", "t");
        ResolvedCatalogTable table = FactoryTables.idNameTable(options, List.of());
        ClassLoader loader = OptionValueSweepTest.class.getClassLoader();
        Configuration config = new Configuration();
        try {
            if (source) {
                FactoryUtil.createDynamicTableSource(
                        null, id, table, Map.of(), config, loader, false);
            } else {
                FactoryUtil.createDynamicTableSink(
                        null, id, table, Map.of(), config, loader, false);
            }
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
