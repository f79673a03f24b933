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
            JsonNode id = JSON.readTree(eventJson).get("distinct_id");
            return id == null || id.isNull() ? "" : id.isTextual() ? id.textValue() : id.toString();
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
