package io.github.flinkkinesis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class GatewayFailuresTest {

    /** The shape of Flink's driver's failure: a wrapper whose cause carries the server's text. */
    private static RuntimeException fromGateway(String serverText) {
        return new IllegalStateException(
                "Failed to get response for the operation 6f1c.",
                new Exception(
                        "[Internal server error., <Exception on server side:\n" + serverText));
    }

    @Test
    void theServersDeepestCauseBecomesTheMessage() {
        String server =
                "org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to"
                        + " fetchResults.\n\tat org.apache.Some.method(Some.java:1)\n"
                        + "Caused by: org.apache.flink.runtime.JobException: Recovery is"
                        + " suppressed\n\tat org.apache.Other.method(Other.java:2)\n"
                        + "Caused by: io.github.x.AwsSetupException: Kinesis stream 'orders' does"
                        + " not exist (ListShards): create it.\n\tat a.B.c(B.java:3)\n"
                        + "\tSuppressed: io.github.x.FlatFailure: sdk <- cause\n\t\tat d.E.f(E.java:4)\n"
                        + "\nEnd of exception on server side>]";
        RuntimeException failure = fromGateway(server);
        Throwable readable = GatewayFailures.readable(failure);
        assertThat(readable)
                .isInstanceOf(SQLException.class)
                .hasMessage(
                        "Kinesis stream 'orders' does not exist (ListShards): create it."
                                + " (io.github.x.AwsSetupException)")
                .hasCause(failure);
    }

    @Test
    void otherFailuresAreLeftAlone() {
        SQLException local = new SQLException("closed");
        assertThat(GatewayFailures.readable(local)).isSameAs(local);
        RuntimeException noCause = fromGateway("just text without a cause chain");
        assertThat(GatewayFailures.readable(noCause)).isSameAs(noCause);
    }
}
