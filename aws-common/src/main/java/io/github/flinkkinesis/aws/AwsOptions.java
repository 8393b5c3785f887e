package io.github.flinkkinesis.aws;

import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The {@code aws.*} connection options shared by the Kinesis connector and the Glue catalog. Each
 * key is declared once here, so it is spelled and validated the same way in both products. Keys
 * that carry secrets contain {@code secret} or {@code token}, so Flink's own redaction hides their
 * values.
 */
@PublicEvolving
public final class AwsOptions {

    private AwsOptions() {}

    public static final ConfigOption<String> REGION =
            ConfigOptions.key("aws.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "AWS region of the service, e.g. us-east-1. When not set, the SDK's"
                                    + " default region chain is used (AWS_REGION, profile, instance"
                                    + " metadata).");

    public static final ConfigOption<String> ENDPOINT =
            ConfigOptions.key("aws.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Endpoint override, e.g. http://127.0.0.1:4567 for a local server or a"
                                    + " VPC endpoint. Derived from the region when not set.");

    public static final ConfigOption<Boolean> TRUST_ALL_CERTIFICATES =
            ConfigOptions.key("aws.trust.all.certificates")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Accept any TLS certificate. Only for testing against local servers with"
                                    + " self-signed certificates; never in production.");

    public static final ConfigOption<CredentialsProviderType> CREDENTIALS_PROVIDER =
            ConfigOptions.key("aws.credentials.provider")
                    .enumType(CredentialsProviderType.class)
                    .defaultValue(CredentialsProviderType.AUTO)
                    .withDescription("How credentials are obtained.");

    public static final ConfigOption<String> ACCESS_KEY_ID =
            ConfigOptions.key("aws.credentials.basic.accesskeyid")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.basic.accesskeyid")
                    .withDescription("Access key ID, with provider BASIC.");

    public static final ConfigOption<String> SECRET_KEY =
            ConfigOptions.key("aws.credentials.basic.secretkey")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.basic.secretkey")
                    .withDescription(
                            "Secret access key, with provider BASIC. Never logged, never stored in"
                                    + " a catalog.");

    public static final ConfigOption<String> SESSION_TOKEN =
            ConfigOptions.key("aws.credentials.basic.sessiontoken")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.basic.sessiontoken")
                    .withDescription(
                            "Session token of temporary credentials, with provider BASIC. Never"
                                    + " logged, never stored in a catalog.");

    public static final ConfigOption<String> PROFILE_NAME =
            ConfigOptions.key("aws.credentials.profile.name")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.profile.name")
                    .withDescription("Profile name, with provider PROFILE (default: 'default').");

    public static final ConfigOption<String> PROFILE_PATH =
            ConfigOptions.key("aws.credentials.profile.path")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.profile.path")
                    .withDescription(
                            "Credentials file, with provider PROFILE (default: ~/.aws/credentials).");

    public static final ConfigOption<String> ROLE_ARN =
            ConfigOptions.key("aws.credentials.role.arn")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.role.arn")
                    .withDescription(
                            "Role to assume, with provider ASSUME_ROLE or WEB_IDENTITY_TOKEN.");

    public static final ConfigOption<String> ROLE_SESSION_NAME =
            ConfigOptions.key("aws.credentials.role.sessionName")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.role.sessionName")
                    .withDescription(
                            "Role session name, with provider ASSUME_ROLE or WEB_IDENTITY_TOKEN"
                                    + " (default: flink-<random>).");

    public static final ConfigOption<String> ROLE_EXTERNAL_ID =
            ConfigOptions.key("aws.credentials.role.externalId")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.role.externalId")
                    .withDescription("External ID, with provider ASSUME_ROLE.");

    public static final ConfigOption<String> ROLE_STS_ENDPOINT =
            ConfigOptions.key("aws.credentials.role.stsEndpoint")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.role.stsEndpoint")
                    .withDescription(
                            "STS endpoint override, with provider ASSUME_ROLE (derived from the"
                                    + " region when not set).");

    public static final ConfigOption<CredentialsProviderType> ROLE_PROVIDER =
            ConfigOptions.key("aws.credentials.role.provider")
                    .enumType(CredentialsProviderType.class)
                    .defaultValue(CredentialsProviderType.AUTO)
                    .withFallbackKeys("aws.credentials.provider.role.provider")
                    .withDescription(
                            "With provider ASSUME_ROLE: how the credentials that call STS are"
                                    + " obtained (AUTO, BASIC, ENV_VAR, SYS_PROP, PROFILE,"
                                    + " WEB_IDENTITY_TOKEN or CUSTOM, using the same keys as above).");

    public static final ConfigOption<String> WEB_IDENTITY_TOKEN_FILE =
            ConfigOptions.key("aws.credentials.webIdentityToken.file")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.webIdentityToken.file")
                    .withDescription(
                            "Absolute path of the web identity token file, with provider"
                                    + " WEB_IDENTITY_TOKEN (default: AWS_WEB_IDENTITY_TOKEN_FILE).");

    public static final ConfigOption<String> CUSTOM_CREDENTIALS_CLASS =
            ConfigOptions.key("aws.credentials.custom.class")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("aws.credentials.provider.custom.class")
                    .withDescription(
                            "Fully qualified class implementing AwsCredentialsProvider, with provider"
                                    + " CUSTOM: it needs a public no-argument constructor or a"
                                    + " static create() method.");

    public static final ConfigOption<HttpProtocol> HTTP_PROTOCOL_VERSION =
            ConfigOptions.key("aws.http.protocol.version")
                    .enumType(HttpProtocol.class)
                    .defaultValue(HttpProtocol.HTTP1_1)
                    .withFallbackKeys("sink.http-client.protocol.version")
                    .withDescription(
                            "HTTP version of asynchronous clients (the sink, enhanced fan-out"
                                    + " needs HTTP2 and sets it itself).");

    public static final ConfigOption<Integer> HTTP_MAX_CONCURRENCY =
            ConfigOptions.key("aws.http-client.max-concurrency")
                    .intType()
                    .defaultValue(50)
                    .withFallbackKeys("sink.http-client.max-concurrency")
                    .withDescription("Maximum concurrent HTTP requests (connections) per client.");

    public static final ConfigOption<Duration> HTTP_READ_TIMEOUT =
            ConfigOptions.key("aws.http-client.read-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withFallbackKeys("sink.http-client.read-timeout")
                    .withDescription("Socket read timeout of one HTTP request.");

    public static final ConfigOption<Duration> HTTP_CONNECT_TIMEOUT =
            ConfigOptions.key("aws.http-client.connect-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Connection timeout of one HTTP request.");

    public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS =
            ConfigOptions.key("aws.retry.max-attempts")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "Attempts per SDK call (first try included) on retryable errors such as"
                                    + " throttling and 5xx, with the SDK's exponential backoff.");

    /** Every aws.* option, for a factory's optionalOptions(). */
    public static List<ConfigOption<?>> all() {
        return List.of(
                REGION,
                ENDPOINT,
                TRUST_ALL_CERTIFICATES,
                CREDENTIALS_PROVIDER,
                ACCESS_KEY_ID,
                SECRET_KEY,
                SESSION_TOKEN,
                PROFILE_NAME,
                PROFILE_PATH,
                ROLE_ARN,
                ROLE_SESSION_NAME,
                ROLE_EXTERNAL_ID,
                ROLE_STS_ENDPOINT,
                ROLE_PROVIDER,
                WEB_IDENTITY_TOKEN_FILE,
                CUSTOM_CREDENTIALS_CLASS,
                HTTP_PROTOCOL_VERSION,
                HTTP_MAX_CONCURRENCY,
                HTTP_READ_TIMEOUT,
                HTTP_CONNECT_TIMEOUT,
                RETRY_MAX_ATTEMPTS);
    }
}
