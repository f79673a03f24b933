package dev.appserver.orchestrator.ingest;

/** How ingestion delivers its outputs and commits its input offsets. */
public enum DeliveryMode {
    /**
     * Outputs, dead letters, captured events and the input offsets in one Kafka transaction:
     * readers with {@code isolation.level=read_committed} see each output exactly once.
     */
    EXACTLY_ONCE,
    /**
     * Outputs are produced and acknowledged, then the offsets committed: nothing is lost, but a
     * crash between the two repeats the batch's outputs.
     */
    AT_LEAST_ONCE
}
