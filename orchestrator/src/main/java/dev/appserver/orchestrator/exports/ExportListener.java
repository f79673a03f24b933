package dev.appserver.orchestrator.exports;

import dev.appserver.orchestrator.pool.InstanceSpec;

/** Hears what became of export batches and onEvent calls, for the app configs' counters. */
public interface ExportListener {
    ExportListener NONE = new ExportListener() {};

    default void exported(InstanceSpec spec, int events) {}

    default void retried(InstanceSpec spec, int events) {}

    default void deadLettered(InstanceSpec spec, int events) {}

    /** {@code onEvent} ran on {@code events} events, failing on {@code failures} of them. */
    default void onEvents(InstanceSpec spec, int events, int failures) {}
}
