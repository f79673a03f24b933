package dev.appserver.orchestrator.appmetrics;

import dev.appserver.orchestrator.pool.EventOutcome;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds up what each app config's {@code processEvent} did in a batch of {@link EventOutcome}s,
 * for {@link AppMetrics#add(ProcessEventTally)} once the batch is delivered.
 *
 * <p>Not thread-safe: filled by one thread, then handed over (with a happens-before edge, such as
 * a future's completion).
 */
public final class ProcessEventTally {
    private final Map<Long, long[]> counts = new HashMap<>();

    /** Counts the event for every app config of the chain whose {@code processEvent} it reached. */
    public void add(EventOutcome outcome) {
        for (long configId : outcome.succeededConfigIds()) {
            counts(configId)[0]++;
        }
        outcome.droppedBy().ifPresent(configId -> counts(configId)[1]++);
        for (long configId : outcome.failedConfigIds()) {
            counts(configId)[2]++;
        }
    }

    /** Calls {@code sink} once per app config counted: processed, dropped, failed. */
    void forEach(Sink sink) {
        counts.forEach((configId, values) -> sink.accept(configId, values[0], values[1], values[2]));
    }

    private long[] counts(long configId) {
        return counts.computeIfAbsent(configId, id -> new long[3]);
    }

    /** Receives one app config's counts. */
    interface Sink {
        void accept(long configId, long processed, long dropped, long failed);
    }
}
