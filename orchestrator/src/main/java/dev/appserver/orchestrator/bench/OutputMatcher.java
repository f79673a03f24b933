package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/**
 * Recognizes this run's events on the output topic. The server writes the event with the capture
 * envelope's fields laid over it, so the envelope's {@code uuid} is at the top and the event's
 * {@code properties} (from the envelope's {@code data}) carry the run id and the send time that
 * {@link BenchEvents} put there. Anything else (another run's events, other traffic, a value that
 * is not JSON, a tombstone) is not a match. Thread-safe.
 */
final class OutputMatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String runId;

    OutputMatcher(String runId) {
        this.runId = requireNonNull(runId, "runId is null");
    }

    /** One of this run's events, seen on the output topic: its uuid and when it was sent ({@link System#nanoTime}). */
    record Match(UUID uuid, long sentNanos) {
        Match {
            requireNonNull(uuid, "uuid is null");
        }
    }

    /** @return the event's uuid and send time when it is one of this run's, else null */
    Match match(String value) {
        if (value == null) {
            return null;
        }
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (event == null) {
            return null;
        }
        JsonNode properties = event.path("properties");
        JsonNode run = properties.path(BenchEvents.RUN_PROPERTY);
        JsonNode sent = properties.path(BenchEvents.SENT_PROPERTY);
        JsonNode uuid = event.path("uuid");
        if (!run.isTextual() || !run.textValue().equals(runId) || !sent.isIntegralNumber() || !uuid.isTextual()) {
            return null;
        }
        try {
            return new Match(UUID.fromString(uuid.textValue()), sent.longValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
