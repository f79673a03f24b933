package dev.appserver.orchestrator.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PostHog's {@code $plugins_succeeded}, {@code $plugins_failed} and {@code $plugins_deferred}
 * across segments. A worker sets these lists for the apps of the chain it ran, replacing any it
 * finds; for a chain cut into segments, each segment's lists are taken out of the event before the
 * next segment runs (so no app sees them mid-chain, as in one chain) and the last segment's lists
 * are prefixed with the earlier ones, in chain order.
 *
 * <p>Only events of chains that span pools pass through here. Their JSON is read and written again
 * with key order, integers and decimals kept exactly; a number in exponent form may change its
 * spelling ({@code 1e+21} becomes {@code 1E+21}), never its value. Stateless; thread-safe.
 */
final class PluginLists {
    static final List<String> KEYS = List.of("$plugins_succeeded", "$plugins_failed", "$plugins_deferred");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private PluginLists() {}

    /** Lists taken out of events so far: one array per key. */
    record Taken(ArrayNode succeeded, ArrayNode failed, ArrayNode deferred) {
        static Taken none() {
            return new Taken(JSON.createArrayNode(), JSON.createArrayNode(), JSON.createArrayNode());
        }

        ArrayNode of(String key) {
            return switch (key) {
                case "$plugins_succeeded" -> succeeded;
                case "$plugins_failed" -> failed;
                default -> deferred;
            };
        }
    }

    /** Removes the lists from {@code event}, appending them to {@code taken}; returns the event without them. */
    static byte[] take(byte[] event, Taken taken) {
        ObjectNode root = read(event);
        if (root.get("properties") instanceof ObjectNode properties) {
            for (String key : KEYS) {
                if (properties.remove(key) instanceof ArrayNode list) {
                    taken.of(key).addAll(list);
                }
            }
        }
        return write(root);
    }

    /** Puts {@code taken} in front of the lists of {@code event} (the last segment's). */
    static byte[] prefix(byte[] event, Taken taken) {
        ObjectNode root = read(event);
        if (root.get("properties") instanceof ObjectNode properties) {
            for (String key : KEYS) {
                ArrayNode merged = taken.of(key).deepCopy();
                if (properties.get(key) instanceof ArrayNode list) {
                    merged.addAll(list);
                }
                properties.set(key, merged);
            }
        }
        return write(root);
    }

    private static ObjectNode read(byte[] event) {
        try {
            JsonNode node = JSON.readTree(event);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalStateException("a segment returned an event that is not a JSON object");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a segment returned an event that is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event tree always serializes", e);
        }
    }
}
