package io.github.flinkkinesis.glue.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.schemaregistry.deserializers.GlueSchemaRegistryDeserializationFacade;
import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compression;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** The header and compression of one record, checked against AWS's library's own parsing. */
class GsrFrameTest {

    private static final UUID ID = UUID.fromString("0f8b3c1e-7a1d-4d55-9b7e-2f0c7a0e9d11");
    private static final byte[] PAYLOAD =
            "an avro payload, repeated: an avro payload".getBytes(StandardCharsets.UTF_8);

    /** AWS's deserializer, used offline: header parsing and inflation need no registry call. */
    private static GlueSchemaRegistryDeserializationFacade library() {
        return GlueSchemaRegistryDeserializationFacade.builder()
                .configs(Map.of("region", "us-east-1", "endpoint", "http://127.0.0.1:1"))
                .credentialProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    @Test
    void uncompressedFrameIsHeaderThenPayloadAndTheLibraryAgrees() {
        byte[] framed = GsrFrame.frame(ID, Compression.NONE, PAYLOAD, PAYLOAD.length);

        assertThat(framed[0]).isEqualTo((byte) 3);
        assertThat(framed[1]).isEqualTo((byte) 0);
        assertThat(framed).hasSize(18 + PAYLOAD.length);
        GsrFrame parsed = GsrFrame.parse(framed);
        assertThat(parsed.schemaVersionId()).isEqualTo(ID);
        assertThat(
                        Arrays.copyOfRange(
                                parsed.payload(),
                                parsed.offset(),
                                parsed.offset() + parsed.length()))
                .isEqualTo(PAYLOAD);
        try (var library = library()) {
            assertThat(library.getActualData(framed)).isEqualTo(PAYLOAD);
            assertThat(library.canDeserialize(framed)).isTrue();
        }
    }

    @Test
    void zlibFrameIsInflatedByUsAndByTheLibrary() {
        byte[] framed = GsrFrame.frame(ID, Compression.ZLIB, PAYLOAD, PAYLOAD.length);

        assertThat(framed[1]).isEqualTo((byte) 5);
        GsrFrame parsed = GsrFrame.parse(framed);
        assertThat(
                        Arrays.copyOfRange(
                                parsed.payload(),
                                parsed.offset(),
                                parsed.offset() + parsed.length()))
                .isEqualTo(PAYLOAD);
        try (var library = library()) {
            assertThat(library.getActualData(framed)).isEqualTo(PAYLOAD);
        }
    }

    @Test
    void onlyTheGivenLengthOfTheBufferIsFramed() {
        byte[] buffer = Arrays.copyOf(PAYLOAD, PAYLOAD.length + 100);
        GsrFrame parsed =
                GsrFrame.parse(GsrFrame.frame(ID, Compression.ZLIB, buffer, PAYLOAD.length));
        assertThat(parsed.length()).isEqualTo(PAYLOAD.length);
    }

    @Test
    void recordsWithoutTheHeaderAreRejectedSayingWhy() {
        assertThatThrownBy(() -> GsrFrame.parse("{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("shorter than the Glue Schema Registry header");
        byte[] json =
                "{\"id\": 1, \"name\": \"a long enough value\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> GsrFrame.parse(json))
                .hasMessageContaining("does not start with the Glue Schema Registry header")
                .hasMessageContaining("first byte 123");
        byte[] badCompression = GsrFrame.frame(ID, Compression.NONE, PAYLOAD, PAYLOAD.length);
        badCompression[1] = 7;
        assertThatThrownBy(() -> GsrFrame.parse(badCompression))
                .hasMessageContaining("unknown compression byte 7")
                .hasMessageContaining(ID.toString());
        byte[] truncated = GsrFrame.frame(ID, Compression.ZLIB, PAYLOAD, PAYLOAD.length);
        assertThatThrownBy(() -> GsrFrame.parse(Arrays.copyOf(truncated, truncated.length - 4)))
                .hasMessageContaining("ZLIB payload")
                .hasMessageContaining(ID.toString());
    }
}
