package io.github.flinkkinesis.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class AwsConfigTest {

    @Test
    void legacyFallbackKeysAreNormalizedToPrimaryKeys() {
        AwsConfig config =
                AwsConfig.fromMap(
                        Map.of(
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.provider.basic.accesskeyid", "AKID",
                                "aws.credentials.provider.basic.secretkey", "s3cr3t",
                                "unrelated", "x"));
        assertThat(config.toMap())
                .containsEntry("aws.credentials.basic.accesskeyid", "AKID")
                .containsEntry("aws.credentials.basic.secretkey", "s3cr3t")
                .doesNotContainKey("unrelated");
        AwsCredentialsProvider provider = AwsCredentials.provider(config);
        assertThat(provider.resolveCredentials())
                .isEqualTo(AwsBasicCredentials.create("AKID", "s3cr3t"));
    }

    @Test
    void aRangeErrorOnAFallbackKeyNamesTheKeyWritten() {
        assertThatThrownBy(
                        () -> AwsConfig.fromMap(Map.of("sink.http-client.max-concurrency", "-4")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'-4'")
                .hasMessageContaining(
                        "'sink.http-client.max-concurrency' (aws.http-client.max-concurrency)")
                .hasMessageContaining("must be at least 1");
        assertThatThrownBy(() -> AwsConfig.fromMap(Map.of("aws.retry.max-attempts", "0")))
                .hasMessageContaining("'aws.retry.max-attempts': must be at least 1");
    }

    @Test
    void sessionTokenMakesSessionCredentials() {
        AwsConfig config =
                AwsConfig.fromMap(
                        Map.of(
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "AKID",
                                "aws.credentials.basic.secretkey", "s3cr3t",
                                "aws.credentials.basic.sessiontoken", "tok"));
        assertThat(AwsCredentials.provider(config).resolveCredentials())
                .isInstanceOf(AwsSessionCredentials.class);
    }

    @Test
    void basicWithoutSecretNamesTheMissingKey() {
        assertThatThrownBy(
                        () ->
                                AwsConfig.fromMap(
                                        Map.of(
                                                "aws.credentials.provider", "BASIC",
                                                "aws.credentials.basic.accesskeyid", "AKID")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("aws.credentials.basic.secretkey")
                .hasMessageContaining("BASIC");
    }

    @Test
    void badEnumValueListsAllowedValues() {
        assertThatThrownBy(() -> AwsConfig.fromMap(Map.of("aws.credentials.provider", "BASICS")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("aws.credentials.provider")
                .hasMessageContaining("ASSUME_ROLE")
                .hasMessageContaining("WEB_IDENTITY_TOKEN");
    }

    @Test
    void badEndpointIsRejectedWithExample() {
        assertThatThrownBy(() -> AwsConfig.fromMap(Map.of("aws.endpoint", "localhost:4567")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("aws.endpoint")
                .hasMessageContaining("http://127.0.0.1:4567");
    }

    @Test
    void toStringAndErrorsNeverShowSecrets() {
        AwsConfig config =
                AwsConfig.fromMap(
                        Map.of(
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "AKID",
                                "aws.credentials.basic.secretkey", "s3cr3t",
                                "aws.credentials.basic.sessiontoken", "t0ken"));
        assertThat(config.toString()).doesNotContain("s3cr3t").doesNotContain("t0ken");
        assertThatThrownBy(
                        () ->
                                AwsConfig.fromMap(
                                        Map.of(
                                                "aws.credentials.basic.secretkey", "s3cr3t",
                                                "aws.http-client.max-concurrency", "zero")))
                .hasMessageNotContaining("s3cr3t")
                .hasMessageContaining("aws.http-client.max-concurrency");
    }

    @Test
    void secretKeysAreRecognized() {
        assertThat(Secrets.isSecret("aws.credentials.basic.secretkey")).isTrue();
        assertThat(Secrets.isSecret("aws.credentials.basic.sessiontoken")).isTrue();
        assertThat(Secrets.isSecret("table-defaults.aws.credentials.basic.secretkey")).isTrue();
        assertThat(Secrets.isSecret("aws.credentials.webIdentityToken.file")).isFalse();
        assertThat(Secrets.isSecret("aws.credentials.basic.accesskeyid")).isFalse();
        // every key Flink itself treats as sensitive
        assertThat(Secrets.isSecret("properties.sasl.jaas.config")).isTrue();
        assertThat(Secrets.isSecret("properties.ssl.keystore.password")).isTrue();
        assertThat(Secrets.isSecret("http.apikey")).isTrue();
        assertThat(Secrets.isSecret("sink.basic-auth")).isTrue();
        assertThat(Secrets.isSecret("sink.http-headers")).isTrue();
        assertThat(Secrets.isSecret("aws.credentials.role.arn")).isFalse();
        assertThat(Secrets.isSecret("aws.credentials.profile.name")).isFalse();
        assertThat(Secrets.isSecret("properties.ssl.truststore.location")).isFalse();
    }

    @Test
    void customProviderMustImplementTheInterface() {
        assertThatThrownBy(
                        () ->
                                AwsCredentials.provider(
                                        AwsConfig.fromMap(
                                                Map.of(
                                                        "aws.credentials.provider",
                                                        "CUSTOM",
                                                        "aws.credentials.custom.class",
                                                        "java.lang.String"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("does not implement");
    }

    @Test
    void assumeRoleNeedsRoleArnAndRejectsNestedAssumeRole() {
        assertThatThrownBy(
                        () -> AwsConfig.fromMap(Map.of("aws.credentials.provider", "ASSUME_ROLE")))
                .hasMessageContaining("aws.credentials.role.arn");
        assertThatThrownBy(
                        () ->
                                AwsConfig.fromMap(
                                        Map.of(
                                                "aws.credentials.provider", "ASSUME_ROLE",
                                                "aws.credentials.role.arn", "arn:aws:iam::1:role/r",
                                                "aws.credentials.role.provider", "ASSUME_ROLE")))
                .hasMessageContaining("aws.credentials.role.provider");
    }
}
