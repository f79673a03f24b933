package dev.appserver.orchestrator.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** A processed event as the async handlers consume it: its tenant and name, and its JSON as consumed. */
record ProcessedEvent(long teamId, String name, byte[] json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the event, or null when it is not a JSON object with a numeric {@code team_id} */
    static ProcessedEvent read(byte[] json) {
        try {
            JsonNode event = JSON.readTree(json);
            if (event == null || !event.path("team_id").canConvertToLong()) {
                return null;
            }
            return new ProcessedEvent(event.path("team_id").asLong(), event.path("event").asText(null), json);
        } catch (IOException e) {
            return null; // Ingestion writes only JSON objects; anything else is not ours to handle.
        }
    }
}
