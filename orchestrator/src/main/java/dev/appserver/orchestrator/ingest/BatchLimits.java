package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How ingestion cuts the input into batches.
 *
 * @param maxEvents the most input messages taken in one batch (one transaction)
 * @param maxBytes the most input bytes taken in one batch
 * @param linger how long to wait for more messages once a batch has its first one
 * @param workerBatchEvents the most events of one tenant sent to a worker in one call
 * @param workerBatchBytes the most bytes of one tenant's events sent to a worker in one call
 * @param maxOutputBytes the largest processed event produced; a larger one goes to the dead-letter
 *     topic instead (it would not fit in a Kafka message, and its batch could never be delivered)
 */
public record BatchLimits(
        int maxEvents, long maxBytes, Duration linger, int workerBatchEvents, long workerBatchBytes, int maxOutputBytes) {
    /** Kafka's default largest request is 1 MiB; keep room for the key, headers and batch framing. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1_000_000;
    public static final BatchLimits DEFAULT = new BatchLimits(
            5_000, 16L * 1024 * 1024, Duration.ofMillis(20), 500, 1024 * 1024, DEFAULT_MAX_OUTPUT_BYTES);

    public BatchLimits {
        requireNonNull(linger, "linger is null");
        if (maxEvents < 1 || maxBytes < 1 || workerBatchEvents < 1 || workerBatchBytes < 1 || maxOutputBytes < 1
                || linger.isNegative()) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxEvents + " events, " + maxBytes
                    + " bytes, linger " + linger + ", worker batches of " + workerBatchEvents + " events and "
                    + workerBatchBytes + " bytes");
        }
    }
}
