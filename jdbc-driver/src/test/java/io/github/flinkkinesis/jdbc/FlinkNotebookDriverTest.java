package io.github.flinkkinesis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FlinkNotebookDriverTest {

    private final FlinkNotebookDriver driver = new FlinkNotebookDriver();

    @Test
    void acceptsItsOwnPrefixOnly() {
        assertThat(driver.acceptsURL("jdbc:flink-notebook://127.0.0.1:8083")).isTrue();
        assertThat(driver.acceptsURL("jdbc:flink://127.0.0.1:8083")).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
    }

    @Test
    void theUrlReachesFlinksDriverWithFlinksPrefixAndEverythingElseKept() {
        assertThat(
                        FlinkNotebookDriver.flinkUrl(
                                "jdbc:flink-notebook://gw:8083/glue/demo?execution.runtime-mode=batch"))
                .isEqualTo("jdbc:flink://gw:8083/glue/demo?execution.runtime-mode=batch");
    }

    @Test
    void otherUrlsAreLeftToOtherDrivers() throws SQLException {
        assertThat(driver.connect("jdbc:postgresql://db/x", new Properties())).isNull();
    }

    @Test
    void registersItselfWithDriverManagerAsToolsExpect() throws Exception {
        Class.forName(FlinkNotebookDriver.class.getName());
        assertThat(Collections.list(DriverManager.getDrivers()))
                .extracting(Driver::getClass)
                .contains(FlinkNotebookDriver.class);
        assertThat(DriverManager.getDriver("jdbc:flink-notebook://127.0.0.1:1"))
                .isInstanceOf(FlinkNotebookDriver.class);
    }
}
