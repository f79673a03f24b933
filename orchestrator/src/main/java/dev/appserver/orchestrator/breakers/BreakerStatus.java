package dev.appserver.orchestrator.breakers;

import static java.util.Objects.requireNonNull;

/**
 * One app config's breaker as the admin API shows it.
 *
 * @param configId the app config
 * @param version the app config version the breaker counts for
 * @param state {@code closed} (the app runs), {@code open} (the app is skipped) or
 *     {@code half_open} (probe events go through the app)
 * @param failureRate the percentage of failed events in the current window; -1 until the
 *     minimum number of events was seen
 * @param events events in the current window
 * @param failedEvents failed events in the current window
 * @param skippedBatches batches of events that skipped the app since the breaker was made
 */
public record BreakerStatus(long configId, long version, String state, float failureRate, int events, int failedEvents,
        long skippedBatches) {
    public BreakerStatus {
        requireNonNull(state, "state is null");
    }
}
