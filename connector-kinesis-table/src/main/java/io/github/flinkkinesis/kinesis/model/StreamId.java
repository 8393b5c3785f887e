package io.github.flinkkinesis.kinesis.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A Kinesis stream as the user named it: by name, or by ARN (then the name is the ARN's last path
 * segment). Requests address the stream the same way the user did, because some servers
 * (kinesalite) know no ARNs while cross-account access needs them.
 */
@PublicEvolving
public final class StreamId implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    @Nullable private final String arn;

    private StreamId(String name, @Nullable String arn) {
        this.name = name;
        this.arn = arn;
    }

    /**
     * Parses the value of the stream option: an ARN {@code arn:PARTITION:kinesis:REGION:ACCOUNT:
     * stream/NAME} or a plain name.
     *
     * @throws IllegalArgumentException with a message saying what a valid value looks like
     */
    public static StreamId parse(String value) {
        String v = Objects.requireNonNull(value, "stream").trim();
        if (v.startsWith("arn:")) {
            String[] parts = v.split(":", 6);
            if (parts.length != 6
                    || !"kinesis".equals(parts[2])
                    || !parts[5].startsWith("stream/")
                    || parts[5].length() == "stream/".length()) {
                throw new IllegalArgumentException(
                        "'"
                                + v
                                + "' is not a Kinesis stream ARN; expected"
                                + " arn:aws:kinesis:REGION:ACCOUNT:stream/NAME or a stream name");
            }
            return new StreamId(parts[5].substring("stream/".length()), v);
        }
        if (v.isEmpty() || v.length() > 128 || !v.matches("[a-zA-Z0-9_.-]+")) {
            throw new IllegalArgumentException(
                    "'"
                            + v
                            + "' is not a valid stream name (1-128 characters a-z, A-Z, 0-9, '_',"
                            + " '-', '.') nor a stream ARN");
        }
        return new StreamId(v, null);
    }

    /**
     * The stream's name as a lineage dataset: its ARN when the table named one (unique across
     * accounts), else its name.
     */
    public String datasetName() {
        return arn != null ? arn : name;
    }

    /**
     * The stream's namespace as a lineage dataset, {@code kinesis://<region>}: the ARN's region, or
     * {@code region} (the client's) for a stream given by name, or {@code kinesis://} when neither
     * is known.
     */
    public String datasetNamespace(@Nullable String region) {
        return "kinesis://" + region().orElse(region == null ? "" : region);
    }

    public String name() {
        return name;
    }

    /** The region of the stream's ARN, or empty for a stream given by name. */
    public Optional<String> region() {
        return arn().map(a -> a.split(":", 6)[3]).filter(r -> !r.isEmpty());
    }

    public Optional<String> arn() {
        return Optional.ofNullable(arn);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamId
                && name.equals(((StreamId) o).name)
                && Objects.equals(arn, ((StreamId) o).arn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, arn);
    }

    @Override
    public String toString() {
        return arn != null ? arn : name;
    }
}
