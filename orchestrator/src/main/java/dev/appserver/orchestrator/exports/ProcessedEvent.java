package dev.appserver.orchestrator.exports;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.ingest.IngestTopics;
import java.io.IOException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** A processed event as the async handlers consume it: its tenant and name, and its JSON as consumed. */
record ProcessedEvent(long teamId, String name, byte[] json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The tenant ingestion named in the record's {@link IngestTopics#TEAM_ID_HEADER} header, read
     * without parsing the event; null when the record has none (it was written by something else).
     */
    static Long teamOf(Headers headers) {
        Header header = headers.lastHeader(IngestTopics.TEAM_ID_HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return Long.parseLong(new String(header.value(), US_ASCII));
        } catch (NumberFormatException e) {
            return null;
        }
    }

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
