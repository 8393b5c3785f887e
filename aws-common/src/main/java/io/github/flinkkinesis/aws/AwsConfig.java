package io.github.flinkkinesis.aws;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/**
 * The validated {@code aws.*} settings of one connection, as a small serializable value that
 * travels from the planner to the task managers, where {@link AwsClients} builds SDK clients from
 * it.
 *
 * <p>It keeps the options under their primary keys (fallback spellings are resolved once, here) and
 * checks that the keys the chosen credentials provider needs are present. {@link #toString()} hides
 * secrets.
 */
@PublicEvolving
public final class AwsConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> options;

    private AwsConfig(Map<String, String> options) {
        this.options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * Reads and validates every {@link AwsOptions} option of {@code options} (primary or fallback
     * keys); other keys are ignored.
     */
    public static AwsConfig fromMap(Map<String, String> options) {
        Map<String, String> normalized = new TreeMap<>();
        for (ConfigOption<?> option : AwsOptions.all()) {
            OptionKeys.rawValue(options, option)
                    .ifPresent(value -> normalized.put(option.key(), value.trim()));
        }
        AwsConfig result = new AwsConfig(normalized);
        result.validate(options);
        return result;
    }

    /** Same as {@link #fromMap}, for a Flink configuration. */
    public static AwsConfig from(ReadableConfig config) {
        return fromMap(config.toMap());
    }

    /**
     * @param raw the options as the user wrote them, so that errors name the key written
     */
    private void validate(Map<String, String> raw) {
        // blank and wrongly typed values, named as the user wrote them
        OptionKeys.checkValues(raw, AwsOptions.all(), List.of());
        endpoint(); // parses
        CredentialsProviderType type = credentialsProvider();
        validateProvider(type, AwsOptions.CREDENTIALS_PROVIDER.key());
        if (type == CredentialsProviderType.ASSUME_ROLE) {
            CredentialsProviderType base = roleProvider();
            if (base == CredentialsProviderType.ASSUME_ROLE) {
                throw new ValidationException(
                        "Option '"
                                + AwsOptions.ROLE_PROVIDER.key()
                                + "' cannot be ASSUME_ROLE: chain roles with a profile instead.");
            }
            validateProvider(base, AwsOptions.ROLE_PROVIDER.key());
        }
        if (httpMaxConcurrency() < 1) {
            throw OptionKeys.invalid(
                    raw,
                    AwsOptions.HTTP_MAX_CONCURRENCY,
                    httpMaxConcurrency(),
                    "must be at least 1");
        }
        for (ConfigOption<Duration> timeout :
                List.of(AwsOptions.HTTP_READ_TIMEOUT, AwsOptions.HTTP_CONNECT_TIMEOUT)) {
            if (get(timeout).toMillis() < 1) {
                throw OptionKeys.invalid(raw, timeout, get(timeout), "must be at least 1 ms");
            }
        }
        if (retryMaxAttempts() < 1) {
            throw OptionKeys.invalid(
                    raw, AwsOptions.RETRY_MAX_ATTEMPTS, retryMaxAttempts(), "must be at least 1");
        }
    }

    private void validateProvider(CredentialsProviderType type, String via) {
        switch (type) {
            case BASIC:
                require(AwsOptions.ACCESS_KEY_ID, type, via);
                require(AwsOptions.SECRET_KEY, type, via);
                break;
            case ASSUME_ROLE:
                require(AwsOptions.ROLE_ARN, type, via);
                break;
            case CUSTOM:
                require(AwsOptions.CUSTOM_CREDENTIALS_CLASS, type, via);
                break;
            default:
                break;
        }
    }

    private void require(ConfigOption<?> option, CredentialsProviderType type, String via) {
        if (!options.containsKey(option.key())) {
            throw new ValidationException(
                    "Option '"
                            + option.key()
                            + "' is required when '"
                            + via
                            + "' is "
                            + type
                            + ".");
        }
    }

    public Optional<String> region() {
        return Optional.ofNullable(options.get(AwsOptions.REGION.key()));
    }

    public Optional<URI> endpoint() {
        String raw = options.get(AwsOptions.ENDPOINT.key());
        if (raw == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(raw, "expected scheme://host[:port]");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ValidationException(
                    "Option '"
                            + AwsOptions.ENDPOINT.key()
                            + "' must be a URL such as https://kinesis.us-east-1.amazonaws.com or"
                            + " http://127.0.0.1:4567, but was '"
                            + raw
                            + "'.");
        }
    }

    public boolean trustAllCertificates() {
        return get(AwsOptions.TRUST_ALL_CERTIFICATES);
    }

    public CredentialsProviderType credentialsProvider() {
        return get(AwsOptions.CREDENTIALS_PROVIDER);
    }

    public CredentialsProviderType roleProvider() {
        return get(AwsOptions.ROLE_PROVIDER);
    }

    public HttpProtocol httpProtocol() {
        return get(AwsOptions.HTTP_PROTOCOL_VERSION);
    }

    public int httpMaxConcurrency() {
        return get(AwsOptions.HTTP_MAX_CONCURRENCY);
    }

    public Duration httpReadTimeout() {
        return get(AwsOptions.HTTP_READ_TIMEOUT);
    }

    public Duration httpConnectTimeout() {
        return get(AwsOptions.HTTP_CONNECT_TIMEOUT);
    }

    public int retryMaxAttempts() {
        return get(AwsOptions.RETRY_MAX_ATTEMPTS);
    }

    /** Typed value of an aws.* option: the explicit value, else the option's default. */
    public <T> T get(ConfigOption<T> option) {
        return Configuration.fromMap(options).get(option);
    }

    public Optional<String> getString(ConfigOption<String> option) {
        return Optional.ofNullable(options.get(option.key()));
    }

    /** The explicitly set options under their primary keys, secrets included: handle with care. */
    public Map<String, String> toMap() {
        return options;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AwsConfig && options.equals(((AwsConfig) o).options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(options);
    }

    @Override
    public String toString() {
        return "AwsConfig" + Secrets.redact(options);
    }
}
