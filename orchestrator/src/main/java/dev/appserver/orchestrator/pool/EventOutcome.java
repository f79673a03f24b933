package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a chain made of one event.
 *
 * @param event the resulting event as UTF-8 JSON; null when the chain dropped it
 * @param failedConfigIds the app configs whose invocation failed on this event (threw, timed out,
 *     crashed the worker, could not be loaded), in chain order
 */
public record EventOutcome(byte[] event, List<Long> failedConfigIds) {
    public EventOutcome {
        failedConfigIds = List.copyOf(requireNonNull(failedConfigIds, "failedConfigIds is null"));
    }

    public boolean dropped() {
        return event == null;
    }
}
