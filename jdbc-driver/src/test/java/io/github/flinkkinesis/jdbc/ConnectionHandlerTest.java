package io.github.flinkkinesis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.jdbc.FakeJdbc.FakeConnection;
import io.github.flinkkinesis.jdbc.FakeJdbc.FakeStatement;
import io.github.flinkkinesis.jdbc.FakeJdbc.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ConnectionHandlerTest {

    private final FakeConnection flink = new FakeConnection(new FakeStatement(new Rows(() -> 1L)));
    private final Connection connection = ConnectionHandler.wrap(flink.proxy());

    @Test
    void whatAConnectionPoolCallsOnReturnAndBorrowSucceeds() throws SQLException {
        // commons-dbcp2 2.0.1 passivateObject/activateObject with Zeppelin's settings
        assertThat(connection.getAutoCommit()).isTrue();
        connection.clearWarnings();
        assertThat(connection.isReadOnly()).isFalse();
        connection.setReadOnly(false);
        assertThat(connection.isClosed()).isFalse();
        assertThat(flink.calls).doesNotContain("clearWarnings", "isReadOnly", "setReadOnly");
    }

    @Test
    void isValidAsksTheGatewaySession() throws SQLException {
        assertThat(connection.isValid(5)).isTrue();
        flink.sessionAlive = false;
        assertThat(connection.isValid(5)).isFalse();
        flink.sessionAlive = true;
        connection.close();
        assertThat(connection.isValid(5)).isFalse();
        assertThatThrownBy(() -> connection.isValid(-1)).isInstanceOf(SQLException.class);
    }

    @Test
    void statementsAreWrappedAndOnlyForwardOnlyReadOnlyOnesExist() throws SQLException {
        Statement statement =
                connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(10);
        assertThat(statement.getConnection()).isSameAs(connection);
        assertThatThrownBy(
                        () ->
                                connection.createStatement(
                                        ResultSet.TYPE_SCROLL_INSENSITIVE,
                                        ResultSet.CONCUR_READ_ONLY))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("forward-only");
    }

    @Test
    void everythingElseIsFlinks() throws SQLException {
        assertThat(connection.getCatalog()).isEqualTo("default_catalog");
        assertThat(flink.calls).contains("getCatalog");
    }
}
