package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.table.metadata.ReadableMetadata;
import io.github.flinkkinesis.kinesis.table.metadata.WritableMetadata;
import io.github.flinkkinesis.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.junit.jupiter.api.Test;

/**
 * Every option key the kinesis factory declares, every fallback key and every metadata key appears
 * in backticks in docs/kinesis.md: the docs move with the code.
 */
class DocumentedOptionsTest {

    @Test
    void everyOptionFallbackAndMetadataKeyIsDocumented() throws IOException {
        String docs =
                Files.readString(
                        ProjectPaths.projectRoot().resolve("docs/kinesis.md"),
                        StandardCharsets.UTF_8);
        KinesisDynamicTableFactory factory = new KinesisDynamicTableFactory();
        List<String> keys = new ArrayList<>();
        Stream.concat(factory.requiredOptions().stream(), factory.optionalOptions().stream())
                .forEach(option -> keys.addAll(allKeys(option)));
        for (ReadableMetadata metadata : ReadableMetadata.values()) {
            keys.add(metadata.key());
        }
        for (WritableMetadata metadata : WritableMetadata.values()) {
            keys.add(metadata.key());
        }
        // guards against an empty factory making the check vacuous
        assertThat(keys).hasSizeGreaterThan(40);
        assertThat(keys.stream().filter(key -> !docs.contains("`" + key + "`")))
                .as("keys missing from docs/kinesis.md (in backticks)")
                .isEmpty();
    }

    private static List<String> allKeys(ConfigOption<?> option) {
        List<String> keys = new ArrayList<>();
        keys.add(option.key());
        for (FallbackKey fallback : option.fallbackKeys()) {
            keys.add(fallback.getKey());
        }
        return keys;
    }
}
