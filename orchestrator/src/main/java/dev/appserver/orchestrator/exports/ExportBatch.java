package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One {@code exportEvents} batch of an app config, on one attempt.
 *
 * @param id the batch's id, the same on every attempt (and in the export dead-letter queue)
 * @param attempt 0 for the first attempt, 1 for the first retry, ...
 * @param events the events, UTF-8 JSON, in the order they were buffered
 */
public record ExportBatch(String id, int attempt, List<byte[]> events) {
    public ExportBatch {
        requireNonNull(id, "id is null");
        events = List.copyOf(events);
    }

    ExportBatch nextAttempt() {
        return new ExportBatch(id, attempt + 1, events);
    }

    /** The events as one JSON array. */
    String eventsJson() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < events.size(); i++) {
            out.append(i == 0 ? "" : ",").append(new String(events.get(i), StandardCharsets.UTF_8));
        }
        return out.append(']').toString();
    }
}
