package io.github.flinkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Errors of the gateway's session API name the cause and never a secret. */
class GatewaySessionsTest {

    @Test
    void redactsSecretValuesInTheFormsFlinkEchoesThem() {
        String error =
                "CREATE CATALOG glue WITH ('aws.credentials.basic.secretkey' = 'abc/DEF+1',"
                        + " 'aws.region' = 'us-east-1') {aws.credentials.session-token=xyz,"
                        + " password: hunter2}";
        String redacted = GatewaySessions.redact(error);
        assertThat(redacted).doesNotContain("abc/DEF+1", "xyz", "hunter2").contains("us-east-1");
    }

    @Test
    void keepsOnlyTheCausesOfAFlinkRestError() {
        String body =
                "{\"errors\":[\"Internal server error.\",\"<Exception on server side:\\n"
                        + "a.B: Failed\\n\\tat x.Y(Y.java:1)\\nCaused by: c.D: bad option\\n"
                        + "\\tat z\\n\"]}";
        assertThat(GatewaySessions.causes(body)).isEqualTo("\n  c.D: bad option");
    }

    @Test
    void jsonEscapesQuotesBackslashesAndNewlines() {
        assertThat(GatewaySessions.json("a 'b' \"c\" \\ \n"))
                .isEqualTo("\"a 'b' \\\"c\\\" \\\\ \\n\"");
    }
}
