package io.github.flinkkinesis.kinesis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.junit.jupiter.api.Test;

/** Every option the kinesis factory declares, and every fallback key, is documented in docs/. */
class DocumentedOptionsTest {

    @Test
    void everyDeclaredOptionAppearsInTheDocs() throws IOException {
        String docs = allDocs();
        KinesisDynamicTableFactory factory = new KinesisDynamicTableFactory();
        List<String> missing = new ArrayList<>();
        Stream.concat(factory.requiredOptions().stream(), factory.optionalOptions().stream())
                .forEach(option -> missing.addAll(undocumentedKeys(option, docs)));
        assertThat(missing).as("option keys missing from docs/*.md (in backticks)").isEmpty();
    }

    static List<String> undocumentedKeys(ConfigOption<?> option, String docs) {
        List<String> missing = new ArrayList<>();
        if (!docs.contains("`" + option.key() + "`")) {
            missing.add(option.key());
        }
        for (FallbackKey fallback : option.fallbackKeys()) {
            if (!docs.contains("`" + fallback.getKey() + "`")) {
                missing.add(fallback.getKey() + " (fallback of " + option.key() + ")");
            }
        }
        return missing;
    }

    static String allDocs() throws IOException {
        Path docsDir = ProjectPaths.projectRoot().resolve("docs");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(docsDir)) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                all.append(Files.readString(md, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }
}
