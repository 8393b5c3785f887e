package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.glue.catalog.testutil.FakeGlueClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.FunctionLanguage;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Catalog functions through SQL on a MiniCluster. moto does not implement Glue's user-defined
 * function API, so the catalog runs on the {@link FakeGlueClient}, shared by two sessions the way
 * two processes share one Glue catalog.
 */
class GlueCatalogFunctionsITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    /** A scalar function the catalog stores by class name. */
    public static class Twice extends ScalarFunction {
        public long eval(long x) {
            return 2 * x;
        }
    }

    private static TableEnvironment session(FakeGlueClient glue) {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.registerCatalog(
                "glue", new GlueCatalog(GlueCatalogConfig.builder("glue").build(), glue));
        env.useCatalog("glue");
        return env;
    }

    private static List<String> column(TableEnvironment env, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (CloseableIterator<Row> it = env.executeSql(sql).collect()) {
            it.forEachRemaining(r -> values.add(String.valueOf(r.getField(0))));
        }
        return values;
    }

    @Test
    void aFunctionCreatedInOneSessionIsCalledInAnother() throws Exception {
        FakeGlueClient glue = new FakeGlueClient(2);
        TableEnvironment first = session(glue);
        first.executeSql("CREATE FUNCTION twice AS '" + Twice.class.getName() + "' LANGUAGE JAVA");
        first.executeSql("CREATE FUNCTION py_upper AS 'udfs.upper' LANGUAGE PYTHON");

        TableEnvironment later = session(glue);
        assertThat(column(later, "SHOW USER FUNCTIONS")).contains("twice", "py_upper");
        assertThat(column(later, "SELECT twice(21)")).containsExactly("42");
        assertThat(
                        later.getCatalog("glue")
                                .orElseThrow()
                                .getFunction(new ObjectPath("default", "py_upper"))
                                .getFunctionLanguage())
                .isEqualTo(FunctionLanguage.PYTHON);

        later.executeSql("DROP FUNCTION py_upper");
        assertThat(
                        column(session(glue), "SHOW USER FUNCTIONS").stream()
                                .filter(f -> f.equals("py_upper") || f.equals("twice"))
                                .collect(Collectors.toList()))
                .containsExactly("twice");
    }
}
