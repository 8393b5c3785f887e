package io.github.flinkkinesis.testing.front;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The bits of Kinesis' JSON protocol (x-amz-json-1.1) that the {@link QuotaFront} reads and writes.
 */
final class KinesisJson {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final JsonNodeParser PARSER = JsonNodeParser.create();

    private KinesisJson() {}

    static JsonNode parse(byte[] body) {
        return PARSER.parse(body);
    }

    /** The text of a string field, or null when absent or null. */
    static String text(JsonNode object, String field) {
        Optional<JsonNode> node = object.field(field);
        return node.isPresent() && !node.get().isNull() ? node.get().text() : null;
    }

    /**
     * The stream a request names, by its StreamName or else the name part of its StreamARN ({@code
     * arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}), or null.
     */
    static String streamName(JsonNode request) {
        String name = text(request, "StreamName");
        if (name != null) {
            return name;
        }
        String arn = text(request, "StreamARN");
        if (arn == null) {
            return null;
        }
        int slash = arn.indexOf(":stream/");
        return slash >= 0 ? arn.substring(slash + ":stream/".length()) : arn;
    }

    /** The number of bytes a base64 text decodes to, without decoding it. */
    static long base64DecodedLength(String base64) {
        if (base64 == null) {
            return 0;
        }
        int len = base64.length();
        int padding = 0;
        while (padding < 2 && len - padding > 0 && base64.charAt(len - padding - 1) == '=') {
            padding++;
        }
        return (long) len * 3 / 4 - padding;
    }

    /** An AWS JSON error body: {@code {"__type": code, "message": message}}. */
    static byte[] error(String code, String message) {
        JsonWriter w = JsonWriter.create();
        w.writeStartObject();
        w.writeFieldName("__type").writeValue(code);
        w.writeFieldName("message").writeValue(message);
        w.writeEndObject();
        return w.getBytes();
    }

    /** Writes {@code node} as it is (numbers keep their text). */
    static void write(JsonWriter w, JsonNode node) {
        if (node.isObject()) {
            w.writeStartObject();
            for (Map.Entry<String, JsonNode> e : node.asObject().entrySet()) {
                w.writeFieldName(e.getKey());
                write(w, e.getValue());
            }
            w.writeEndObject();
        } else if (node.isArray()) {
            w.writeStartArray();
            for (JsonNode n : node.asArray()) {
                write(w, n);
            }
            w.writeEndArray();
        } else if (node.isString()) {
            w.writeValue(node.asString());
        } else if (node.isNumber()) {
            w.writeNumber(node.asNumber());
        } else if (node.isBoolean()) {
            w.writeValue(node.asBoolean());
        } else {
            w.writeNull();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
