package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

/**
 * The topics ingestion reads and writes; PostHog's names by default.
 *
 * @param input events to process, and events apps captured
 * @param output processed events
 * @param deadLetters input messages that are not events
 */
public record IngestTopics(String input, String output, String deadLetters) {
    public static final IngestTopics DEFAULT =
            new IngestTopics("events_plugin_ingestion", "clickhouse_events_json", "events_plugin_ingestion_dlq");

    public IngestTopics {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(deadLetters, "deadLetters is null");
    }
}
