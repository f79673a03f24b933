package dev.appserver.orchestrator.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * Decodes input messages: PostHog's capture envelope {@code {uuid, distinct_id, ip, site_url,
 * team_id, now, sent_at, token, data}}, whose {@code data} is the event as a JSON string, or a
 * plain event object. Like PostHog's plugin server, the envelope's fields are laid over the
 * event's ({@code {...JSON.parse(data), ...envelope}}). A message is rejected when it is not a
 * JSON object, has no integer {@code team_id} or no event name.
 *
 * <p>Numbers keep their exact text (no float rounding) and keys their order. Stateless and
 * thread-safe.
 */
final class EnvelopeDecoder {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    Decoded decode(byte[] message) {
        if (message == null || message.length == 0) {
            return new Decoded.Rejected("empty message");
        }
        JsonNode root;
        try {
            root = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            return new Decoded.Rejected("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Decoded.Rejected("unreadable message: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new Decoded.Rejected("not a JSON object");
        }
        ObjectNode event = (ObjectNode) root;
        boolean envelope = event.has("data");
        if (envelope) {
            JsonNode data = event.get("data");
            if (!data.isTextual()) {
                return new Decoded.Rejected("the envelope's data is not a string holding the event's JSON");
            }
            JsonNode inner;
            try {
                inner = JSON.readTree(data.textValue());
            } catch (JsonProcessingException e) {
                return new Decoded.Rejected("the envelope's data is not JSON: " + e.getOriginalMessage());
            }
            if (inner == null || !inner.isObject()) {
                return new Decoded.Rejected("the envelope's data is not a JSON object");
            }
            event = merge((ObjectNode) inner, event);
        }
        JsonNode teamId = event.get("team_id");
        if (teamId == null || teamId.isNull()) {
            return new Decoded.Rejected("no team_id");
        }
        if (!teamId.isIntegralNumber() || !teamId.canConvertToLong()) {
            return new Decoded.Rejected("team_id is not an integer: " + teamId);
        }
        JsonNode name = event.get("event");
        if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
            return new Decoded.Rejected("no event name");
        }
        String distinct = DistinctIds.of(event);
        byte[] json = envelope ? write(event) : message;
        return new Decoded.Event(new InputEvent(teamId.longValue(), distinct, json));
    }

    /** {@code {...data, ...envelope}} without the envelope's {@code data}. */
    private static ObjectNode merge(ObjectNode data, ObjectNode envelope) {
        for (Map.Entry<String, JsonNode> field : envelope.properties()) {
            if (!field.getKey().equals("data")) {
                data.set(field.getKey(), field.getValue());
            }
        }
        return data;
    }

    private static byte[] write(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
