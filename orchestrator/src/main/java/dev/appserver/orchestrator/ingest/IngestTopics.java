package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

/**
 * The topics ingestion reads and writes; PostHog's names by default.
 *
 * @param input events to process, and events apps captured
 * @param output processed events
 * @param deadLetters input messages that are not events
 * @param overflow events of tenants past a quota, which wait there (read by the overflow consumer)
 */
public record IngestTopics(String input, String output, String deadLetters, String overflow) {
    /**
     * On every processed event in the output topic: its tenant's id in decimal, so that a reader
     * that serves only some tenants (the async handlers) can pass the others by without parsing
     * them. It always equals the event's {@code team_id}, which no app may change.
     */
    public static final String TEAM_ID_HEADER = "team_id";

    public static final IngestTopics DEFAULT = new IngestTopics("events_plugin_ingestion", "clickhouse_events_json",
            "events_plugin_ingestion_dlq", "events_plugin_ingestion_overflow");

    public IngestTopics {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(deadLetters, "deadLetters is null");
        requireNonNull(overflow, "overflow is null");
    }
}
