package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a chain made of one event, and what each app config of the chain did with it: every app
 * config whose {@code processEvent} the event reached is in {@code failedConfigIds}, in
 * {@code succeededConfigIds} or is {@code droppedBy}.
 *
 * @param event the resulting event as UTF-8 JSON; null when the chain dropped it
 * @param failedConfigIds the app configs whose invocation failed on this event (threw, timed out,
 *     crashed the worker, could not be loaded), in chain order
 * @param succeededConfigIds the app configs whose {@code processEvent} returned the event
 *     (changed or not), in chain order
 * @param droppedBy the app config whose {@code processEvent} dropped the event; empty when the
 *     event was kept (or when who dropped it is not known)
 */
public record EventOutcome(byte[] event, List<Long> failedConfigIds, List<Long> succeededConfigIds, OptionalLong droppedBy) {
    public EventOutcome {
        failedConfigIds = List.copyOf(requireNonNull(failedConfigIds, "failedConfigIds is null"));
        succeededConfigIds = List.copyOf(requireNonNull(succeededConfigIds, "succeededConfigIds is null"));
        requireNonNull(droppedBy, "droppedBy is null");
    }

    /** An outcome no {@code processEvent} took part in with success or a drop: e.g. no app ran. */
    public EventOutcome(byte[] event, List<Long> failedConfigIds) {
        this(event, failedConfigIds, List.of(), OptionalLong.empty());
    }

    public boolean dropped() {
        return event == null;
    }
}
