package dev.appserver.orchestrator.events;

import static java.util.Objects.requireNonNull;

/**
 * One message for the input topic.
 *
 * @param line the input line the event came from, for messages
 * @param key {@code team_id:distinct_id}
 * @param value the capture envelope, JSON
 */
public record TopicMessage(int line, String key, String value) {
    public TopicMessage {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
