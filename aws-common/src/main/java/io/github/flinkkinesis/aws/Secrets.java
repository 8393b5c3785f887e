package io.github.flinkkinesis.aws;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.GlobalConfiguration;

/** Decides which option keys carry secrets and hides their values wherever options are shown. */
@Internal
public final class Secrets {

    public static final String REDACTED = "******";

    private Secrets() {}

    /**
     * True for keys whose values are secrets: secret keys, session tokens, passwords, and every key
     * Flink itself treats as sensitive ({@link GlobalConfiguration#isSensitive}: JAAS configs, API
     * keys, basic-auth and HTTP headers, ...). A <em>file</em> path ({@code .file} suffix, e.g. a
     * web identity token file) is not a secret.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".file")) {
            return false;
        }
        return k.contains("secret")
                || k.contains("password")
                || k.contains("token")
                || GlobalConfiguration.isSensitive(key);
    }

    /** A copy of {@code options} with every secret value replaced by {@value #REDACTED}. */
    public static Map<String, String> redact(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, isSecret(k) ? REDACTED : v));
        return out;
    }
}
