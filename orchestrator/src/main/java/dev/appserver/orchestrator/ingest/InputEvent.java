package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

/**
 * An input message that decoded into an event.
 *
 * @param teamId the tenant
 * @param distinctId the event's {@code distinct_id} as text; empty when it had none
 * @param json the event as UTF-8 JSON: the envelope's fields merged over its {@code data}, or the
 *     original bytes when the message was a plain event object (shared, not copied)
 */
record InputEvent(long teamId, String distinctId, byte[] json) {
    InputEvent {
        requireNonNull(distinctId, "distinctId is null");
        requireNonNull(json, "json is null");
    }

    /** The output key, {@code team_id:distinct_id}, which keeps one person's events in order. */
    String key() {
        return teamId + ":" + distinctId;
    }
}
