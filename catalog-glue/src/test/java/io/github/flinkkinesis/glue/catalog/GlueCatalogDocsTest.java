package io.github.flinkkinesis.glue.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.testing.ProjectPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.junit.jupiter.api.Test;

/** Every option the catalog factory declares is documented in docs/glue-catalog.md. */
class GlueCatalogDocsTest {

    @Test
    void everyDeclaredOptionAndFallbackKeyIsInTheDocs() throws Exception {
        Path docs = ProjectPaths.projectRoot().resolve("docs/glue-catalog.md");
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        GlueCatalogFactory factory = new GlueCatalogFactory();
        List<String> keys = new ArrayList<>();
        keys.add("type");
        keys.add(GlueCatalogOptions.TABLE_DEFAULTS_PREFIX + "<key>");
        for (ConfigOption<?> option : factory.optionalOptions()) {
            keys.add(option.key());
            for (FallbackKey fallback : option.fallbackKeys()) {
                keys.add(fallback.getKey());
            }
        }
        for (ConfigOption<?> option : factory.requiredOptions()) {
            keys.add(option.key());
        }
        assertThat(keys).allSatisfy(key -> assertThat(text).contains("`" + key + "`"));
    }
}
