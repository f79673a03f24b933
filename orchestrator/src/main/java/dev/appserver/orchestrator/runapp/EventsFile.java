package dev.appserver.orchestrator.runapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads run-app's input: one JSON object per line (blank lines skipped). An event without
 * {@code team_id} gets the default one. Events that need no change keep their exact text, so
 * numbers and key order cross unchanged.
 */
final class EventsFile {
    static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private EventsFile() {}

    /** One input event: its JSON text and its {@code event} name. */
    record InputEvent(String json, String name) {}

    static List<InputEvent> read(InputStream in, long defaultTeamId) throws UsageException, IOException {
        List<InputEvent> events = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = EXACT.readTree(line);
            } catch (JsonProcessingException e) {
                throw new UsageException("events line " + number + ": not JSON: " + e.getOriginalMessage());
            }
            if (!(node instanceof ObjectNode event)) {
                throw new UsageException("events line " + number + ": not a JSON object");
            }
            String json = line.strip();
            JsonNode team = event.get("team_id");
            if (team == null || team.isNull()) {
                event.put("team_id", defaultTeamId);
                json = EXACT.writeValueAsString(event);
            }
            JsonNode name = event.get("event");
            events.add(new InputEvent(json, name == null || name.isNull() ? null : name.asText()));
        }
        return events;
    }
}
