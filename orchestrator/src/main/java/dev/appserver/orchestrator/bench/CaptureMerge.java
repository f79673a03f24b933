package dev.appserver.orchestrator.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What the server writes to the output topic for an input message when no app changes the event,
 * as PostHog's plugin server does: the capture envelope's fields laid over the event in its
 * {@code data}, i.e. {@code {...JSON.parse(data), ...envelope}} without {@code data}. A message
 * that is not such an envelope (a plain event, not JSON, a tombstone) is written as it came. Thread-safe.
 */
final class CaptureMerge {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaptureMerge() {
    }

    static String merge(String message) {
        if (message == null) {
            return null;
        }
        try {
            if (!(JSON.readTree(message) instanceof ObjectNode envelope)
                    || !(envelope.get("data") instanceof JsonNode data && data.isTextual())
                    || !(JSON.readTree(data.textValue()) instanceof ObjectNode event)) {
                return message;
            }
            for (Map.Entry<String, JsonNode> field : envelope.properties()) {
                if (!field.getKey().equals("data")) {
                    event.set(field.getKey(), field.getValue());
                }
            }
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return message;
        }
    }
}
