package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.table.metadata.ReadableMetadata;
import io.github.flinkkinesis.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.junit.jupiter.api.Test;

/**
 * Every source-side option key (and fallback key) the factory declares, and every readable metadata
 * key, appears in backticks in docs/kinesis.md. Sink keys are documented by the sink.
 */
class KinesisDocsTest {

    @Test
    void everySourceOptionAndMetadataKeyIsDocumented() throws IOException {
        String docs =
                Files.readString(
                        ProjectPaths.projectRoot().resolve("docs/kinesis.md"),
                        StandardCharsets.UTF_8);
        KinesisDynamicTableFactory factory = new KinesisDynamicTableFactory();
        Set<ConfigOption<?>> options = new HashSet<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        List<String> keys = new ArrayList<>();
        for (ConfigOption<?> option : options) {
            if (option.key().startsWith("sink.")) {
                continue;
            }
            keys.add(option.key());
            for (FallbackKey fallback : option.fallbackKeys()) {
                keys.add(fallback.getKey());
            }
        }
        for (ReadableMetadata metadata : ReadableMetadata.values()) {
            keys.add(metadata.key());
        }
        assertThat(keys).hasSizeGreaterThan(30);
        assertThat(keys).allSatisfy(key -> assertThat(docs).contains("`" + key + "`"));
    }
}
