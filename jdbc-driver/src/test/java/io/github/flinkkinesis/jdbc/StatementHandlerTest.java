package io.github.flinkkinesis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.jdbc.FakeJdbc.FakeConnection;
import io.github.flinkkinesis.jdbc.FakeJdbc.FakeStatement;
import io.github.flinkkinesis.jdbc.FakeJdbc.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatementHandlerTest {

    private final AtomicLong produced = new AtomicLong();
    private final Rows endless = new Rows(produced::incrementAndGet);
    private final FakeStatement flink = new FakeStatement(endless);
    private final FakeConnection flinkConnection = new FakeConnection(flink);
    private final Connection connection = ConnectionHandler.wrap(flinkConnection.proxy());

    @Test
    void fetchSizeIsRememberedAndNotPassedOn() throws SQLException {
        Statement statement = connection.createStatement();
        assertThat(statement.getFetchSize()).isZero();
        statement.setFetchSize(1000);
        assertThat(statement.getFetchSize()).isEqualTo(1000);
        assertThat(flink.calls).doesNotContain("setFetchSize", "getFetchSize");
        assertThatThrownBy(() -> statement.setFetchSize(-1)).isInstanceOf(SQLException.class);
    }

    @Test
    void maxRowsEndsAnEndlessResultAndClosesFlinksResultSet() throws SQLException {
        Statement statement = connection.createStatement();
        statement.setMaxRows(5);
        assertThat(statement.getMaxRows()).isEqualTo(5);
        assertThat(statement.execute("SELECT n FROM endless")).isTrue();
        ResultSet rows = statement.getResultSet();
        assertThat(statement.getResultSet()).isSameAs(rows);
        long read = 0;
        while (rows.next()) {
            read++;
            assertThat(rows.getLong(1)).isEqualTo(read);
        }
        assertThat(read).isEqualTo(5);
        assertThat(produced).hasValue(5);
        assertThat(endless.closed)
                .as("Flink's result set, so the gateway cancels the job")
                .isTrue();
        // a notebook calls next() once more, and then closes: neither fails
        assertThat(rows.next()).isFalse();
        rows.close();
        assertThat(rows.isClosed()).isTrue();
    }

    @Test
    void withoutMaxRowsTheResultIsNotCut() throws SQLException {
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT n FROM endless");
        for (int i = 0; i < 2000; i++) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(endless.closed).isFalse();
        statement.close();
        assertThat(flink.closed).isTrue();
        assertThat(endless.closed).isTrue();
    }

    @Test
    void updateCountIsMinusOneForRowsAndFlinksCountOtherwise() throws SQLException {
        Statement statement = connection.createStatement();
        assertThat(statement.execute("SELECT n FROM endless")).isTrue();
        assertThat(statement.getUpdateCount()).isEqualTo(-1);
        assertThat(statement.getMoreResults()).isFalse();
        assertThat(statement.getUpdateCount()).isEqualTo(-1);
        assertThat(statement.execute("CREATE TABLE t (n BIGINT)")).isFalse();
        assertThat(statement.getUpdateCount()).isZero();
        // what tools call to walk all results: after an update too
        assertThat(statement.getMoreResults()).isFalse();
        assertThat(statement.getUpdateCount()).isEqualTo(-1);
    }

    @Test
    void executeQueryTakesEveryStatementWithRows() throws SQLException {
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW CATALOGS");
        assertThat(rows.getStatement()).isSameAs(statement);
        assertThat(statement.getConnection()).isSameAs(connection);
        assertThatThrownBy(() -> statement.executeQuery("CREATE TABLE t (n BIGINT)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("returns no rows");
    }

    @Test
    void aPreparedStatementWithoutParametersRunsItsSql() throws SQLException {
        PreparedStatement validation = connection.prepareStatement("SHOW DATABASES");
        try (ResultSet rows = validation.executeQuery()) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(flink.executed).containsExactly("SHOW DATABASES");
        assertThatThrownBy(() -> validation.setInt(1, 42))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("put the values into the SQL text");
    }

    @Test
    void wrapperMethodsAnswerForBothLayers() throws SQLException {
        Statement statement = connection.createStatement();
        assertThat(statement.isWrapperFor(Statement.class)).isTrue();
        assertThat(statement.unwrap(Statement.class)).isSameAs(statement);
        assertThatThrownBy(() -> statement.unwrap(String.class)).isInstanceOf(SQLException.class);
    }
}
