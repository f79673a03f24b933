package dev.appserver.orchestrator.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * JSON values in {@code json} and {@code jsonb} columns, as text. {@code json} columns keep the
 * text exactly, so key order survives (decision 0007). Reading parses as a default Jackson
 * {@link ObjectMapper} does, which is how the admin API parses config values: integers come back
 * as the smallest of int, long and BigInteger nodes that holds them, other numbers as doubles, so
 * values parsed that way round-trip to equal nodes. Stateless and thread-safe.
 */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private JsonColumns() {}

    static String write(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(List<String> values) {
        return write(MAPPER.valueToTree(values));
    }

    static ObjectNode readObject(String json) {
        if (read(json) instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalStateException("stored JSON is not an object: " + json);
    }

    static List<String> readStrings(String json) {
        try {
            return MAPPER.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a list of strings: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
