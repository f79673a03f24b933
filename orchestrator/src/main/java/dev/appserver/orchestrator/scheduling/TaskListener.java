package dev.appserver.orchestrator.scheduling;

import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;

/** Hears the scheduled tasks' runs, for the app configs' counters and logs. */
public interface TaskListener {
    TaskListener NONE = new TaskListener() {};

    /** The task ran (or could not: its setup failed, its breaker is open), with {@code outcome}. */
    default void ran(InstanceSpec spec, String task, CallOutcome outcome) {}

    /** The task was due while its run of an earlier period was still going. */
    default void skipped(InstanceSpec spec, String task) {}
}
