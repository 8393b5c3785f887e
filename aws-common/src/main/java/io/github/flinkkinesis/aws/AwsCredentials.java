package io.github.flinkkinesis.aws;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Paths;
import java.util.UUID;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the SDK credentials provider that an {@link AwsConfig} asks for. A provider that holds
 * resources (assume-role: an STS client and its HTTP client) is {@link
 * software.amazon.awssdk.utils.SdkAutoCloseable} and releases them on close; the SDK client it is
 * given to closes it.
 */
@Internal
final class AwsCredentials {

    private AwsCredentials() {}

    public static AwsCredentialsProvider provider(AwsConfig config) {
        return provider(config, config.credentialsProvider());
    }

    private static AwsCredentialsProvider provider(AwsConfig config, CredentialsProviderType type) {
        switch (type) {
            case AUTO:
                return DefaultCredentialsProvider.builder().build();
            case BASIC:
                {
                    String id = config.getString(AwsOptions.ACCESS_KEY_ID).orElseThrow();
                    String secret = config.getString(AwsOptions.SECRET_KEY).orElseThrow();
                    return StaticCredentialsProvider.create(
                            config.getString(AwsOptions.SESSION_TOKEN)
                                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                                            token ->
                                                    AwsSessionCredentials.create(id, secret, token))
                                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
                }
            case ENV_VAR:
                return EnvironmentVariableCredentialsProvider.create();
            case SYS_PROP:
                return SystemPropertyCredentialsProvider.create();
            case PROFILE:
                {
                    ProfileCredentialsProvider.Builder b = ProfileCredentialsProvider.builder();
                    config.getString(AwsOptions.PROFILE_NAME).ifPresent(b::profileName);
                    config.getString(AwsOptions.PROFILE_PATH)
                            .ifPresent(
                                    p ->
                                            b.profileFile(
                                                    ProfileFile.builder()
                                                            .content(Paths.get(p))
                                                            .type(ProfileFile.Type.CREDENTIALS)
                                                            .build()));
                    return b.build();
                }
            case ASSUME_ROLE:
                return assumeRole(config);
            case WEB_IDENTITY_TOKEN:
                {
                    WebIdentityTokenFileCredentialsProvider.Builder b =
                            WebIdentityTokenFileCredentialsProvider.builder();
                    config.getString(AwsOptions.ROLE_ARN).ifPresent(b::roleArn);
                    config.getString(AwsOptions.ROLE_SESSION_NAME).ifPresent(b::roleSessionName);
                    config.getString(AwsOptions.WEB_IDENTITY_TOKEN_FILE)
                            .ifPresent(f -> b.webIdentityTokenFile(Paths.get(f)));
                    return b.build();
                }
            case CUSTOM:
                return custom(config.getString(AwsOptions.CUSTOM_CREDENTIALS_CLASS).orElseThrow());
            default:
                throw new ValidationException("Unsupported credentials provider " + type);
        }
    }

    private static AwsCredentialsProvider assumeRole(AwsConfig config) {
        // STS does not close an HTTP client it was given, and the assume-role provider does not
        // close its STS client: the returned provider closes all three (and the role provider,
        // which the STS client closes).
        SdkHttpClient httpClient = AwsClients.syncHttpClient(config);
        StsClientBuilder sts =
                StsClient.builder()
                        .credentialsProvider(provider(config, config.roleProvider()))
                        .httpClient(httpClient);
        config.region().map(Region::of).ifPresent(sts::region);
        config.getString(AwsOptions.ROLE_STS_ENDPOINT)
                .map(URI::create)
                .ifPresent(sts::endpointOverride);
        String sessionName =
                config.getString(AwsOptions.ROLE_SESSION_NAME)
                        .orElse("flink-" + UUID.randomUUID().toString().substring(0, 8));
        StsClient stsClient = sts.build();
        StsAssumeRoleCredentialsProvider assumeRole =
                StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(stsClient)
                        .refreshRequest(
                                r -> {
                                    r.roleArn(config.getString(AwsOptions.ROLE_ARN).orElseThrow())
                                            .roleSessionName(sessionName);
                                    config.getString(AwsOptions.ROLE_EXTERNAL_ID)
                                            .ifPresent(r::externalId);
                                })
                        .asyncCredentialUpdateEnabled(true)
                        .build();
        return new ClosingCredentialsProvider(assumeRole, stsClient, httpClient);
    }

    private static AwsCredentialsProvider custom(String className) {
        String key = AwsOptions.CUSTOM_CREDENTIALS_CLASS.key();
        try {
            Class<?> clazz =
                    Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!AwsCredentialsProvider.class.isAssignableFrom(clazz)) {
                throw new ValidationException(
                        "Class '"
                                + className
                                + "' of option '"
                                + key
                                + "' does not implement "
                                + AwsCredentialsProvider.class.getName());
            }
            try {
                Method create = clazz.getMethod("create");
                if (Modifier.isStatic(create.getModifiers())) {
                    return (AwsCredentialsProvider) create.invoke(null);
                }
            } catch (NoSuchMethodException noFactoryMethod) {
                // fall through to the constructor
            }
            return (AwsCredentialsProvider) clazz.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ValidationException(
                    "Cannot instantiate '"
                            + className
                            + "' of option '"
                            + key
                            + "': it needs a public no-argument constructor or a static create()"
                            + " method ("
                            + e
                            + ")",
                    e);
        }
    }
}
