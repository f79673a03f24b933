package dev.appserver.orchestrator.hostservices;

/** Receives events an app emitted with {@code posthog.capture}, already completed. */
@FunctionalInterface
public interface CaptureSink {
    /** @param eventJson {event, distinct_id, team_id, uuid, timestamp, properties} */
    void capture(InstanceBinding from, String eventJson);
}
