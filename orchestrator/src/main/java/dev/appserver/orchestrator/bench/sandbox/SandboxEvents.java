package dev.appserver.orchestrator.bench.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of a sandbox benchmark: shaped like conformance case 01's (a plugin-server event with
 * a few properties, about 330 bytes), each with its own uuid, 1,000 distinct ids, as node-ref's
 * {@code bench.sh} makes them.
 */
public final class SandboxEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] KINDS = {
        {"$pageview", "https://example.com/a?utm_source=x"},
        {"signup", "https://example.com/a?utm_source=newsletter&utm_medium=email"},
        {"$autocapture", "https://example.com/pricing"},
        {"purchase", "https://example.com/checkout?plan=team"},
    };

    private SandboxEvents() {}

    public static List<String> make(int count) {
        List<String> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] kind = KINDS[i % KINDS.length];
            ObjectNode event = JSON.createObjectNode()
                    .put("uuid", String.format("00000000-0000-4000-8000-%012d", i + 1))
                    .put("distinct_id", "user-" + (i % 1000))
                    .put("ip", "127.0.0.1")
                    .put("site_url", "http://localhost")
                    .put("team_id", 2)
                    .put("now", "2026-01-01T00:00:00.000Z")
                    .put("event", kind[0])
                    .put("timestamp", "2026-01-01T00:00:00.000Z");
            event.putObject("properties").put("$current_url", kind[1]).put("$browser", "Firefox").put("$os", "Linux")
                    .put("$screen_width", 1920).put("plan_price", 12.5);
            events.add(event.toString());
        }
        return events;
    }

    public static void write(Path file, List<String> events) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String event : events) {
                out.write(event);
                out.write('\n');
            }
        }
    }
}
