package io.github.flinkkinesis.aws;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Decides which option keys carry secrets and hides their values wherever options are shown. */
public final class Secrets {

    public static final String REDACTED = "******";

    private Secrets() {}

    /**
     * True for keys whose values are secrets: secret keys, session tokens, passwords. A token
     * <em>file</em> path is not a secret.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("secret") || k.contains("password")) {
            return true;
        }
        return k.contains("token") && !k.endsWith(".file");
    }

    /** A copy of {@code options} with every secret value replaced by {@value #REDACTED}. */
    public static Map<String, String> redact(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, isSecret(k) ? REDACTED : v));
        return out;
    }
}
