package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.scheduling.TaskListener;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import java.time.Clock;

/**
 * Counts scheduled task runs in each app config's counters; a skipped run, or one that could not
 * start, is a SYSTEM entry in the app config's log. Thread-safe.
 */
final class CountedTasks implements TaskListener {
    private final AppMetrics metrics;
    private final AppLogRepository logs;
    private final Clock clock;

    CountedTasks(AppMetrics metrics, AppLogRepository logs, Clock clock) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void ran(InstanceSpec spec, String task, CallOutcome outcome) {
        switch (outcome.status()) {
            case SUCCEEDED -> metrics.taskRan(spec.configId(), true);
            case FAILED, RETRY -> metrics.taskRan(spec.configId(), false);
            case NOT_LOADED, BREAKER_OPEN, NOT_EXPORTED -> log(spec, task + " did not run: " + outcome.error());
        }
    }

    @Override
    public void skipped(InstanceSpec spec, String task) {
        log(spec, task + " was skipped: its run of the previous period is still going");
    }

    private void log(InstanceSpec spec, String message) {
        logs.append(new AppLogEntry(spec.configId(), clock.instant(), "WARN", "SYSTEM", message));
    }
}
