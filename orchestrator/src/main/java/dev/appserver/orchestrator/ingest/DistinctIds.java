package dev.appserver.orchestrator.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads {@code distinct_id} from an event's JSON, for its Kafka key. */
final class DistinctIds {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DistinctIds() {}

    /** The event's {@code distinct_id} as text; empty when it has none or is not JSON. */
    static String of(String eventJson) {
        try {
            return of(JSON.readTree(eventJson));
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    /** The event's {@code distinct_id} as text (a number as its JSON text); empty when it has none. */
    static String of(JsonNode event) {
        JsonNode id = event == null ? null : event.get("distinct_id");
        return id == null || id.isNull() ? "" : id.isTextual() ? id.textValue() : id.toString();
    }
}
