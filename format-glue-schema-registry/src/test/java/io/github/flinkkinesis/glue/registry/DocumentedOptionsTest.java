package io.github.flinkkinesis.glue.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.glue.registry.avro.AvroGlueDeserializationSchema;
import io.github.flinkkinesis.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every option key of the {@code avro-glue} factory (with its prefix, as a user writes it) and its
 * metric appear in backticks in docs/formats.md, and the README links the page: the docs move with
 * the code.
 */
class DocumentedOptionsTest {

    @Test
    void everyOptionKeyAndTheMetricAreDocumented() throws IOException {
        String docs =
                Files.readString(
                        ProjectPaths.projectRoot().resolve("docs/formats.md"),
                        StandardCharsets.UTF_8);
        AvroGlueFormatFactory factory = new AvroGlueFormatFactory();
        List<String> keys = new ArrayList<>();
        Stream.concat(factory.requiredOptions().stream(), factory.optionalOptions().stream())
                .forEach(option -> keys.add(AvroGlueFormatFactory.IDENTIFIER + "." + option.key()));
        keys.add(AvroGlueDeserializationSchema.SKIPPED_METRIC);
        // guards against an empty factory making the check vacuous
        assertThat(keys).hasSizeGreaterThan(10);
        assertThat(keys.stream().filter(key -> !docs.contains("`" + key + "`")))
                .as("keys missing from docs/formats.md (in backticks)")
                .isEmpty();
    }

    @Test
    void theReadmeListsTheModuleAndLinksThePage() throws IOException {
        String readme =
                Files.readString(
                        ProjectPaths.projectRoot().resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("`format-glue-schema-registry`").contains("docs/formats.md");
    }
}
