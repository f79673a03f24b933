package dev.appserver.orchestrator.jobs;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.AppInvoker;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the app's own jobs ({@link JobKind#APP}) once each, as PostHog does: a job that throws
 * is not run again; the failure is in the app config's log (the worker logs the app's error; a
 * job that could not run at all gets a SYSTEM entry here). Thread-safe.
 */
public final class AppJobs implements JobHandler {
    private final AppInvoker invoker;
    private final AppLogRepository logs;
    private final AppMetrics metrics;
    private final Clock clock;

    public AppJobs(AppInvoker invoker, AppLogRepository logs, AppMetrics metrics, Clock clock) {
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public CompletableFuture<Void> run(Job job, InstanceSpec spec) {
        String name = job.job().name();
        return invoker.call(spec, new AppCall.RunJob(name, job.job().payloadJson())).thenAccept(outcome -> {
            switch (outcome.status()) {
                // The worker logged what the app did.
                case SUCCEEDED -> metrics.jobRan(job.configId(), true);
                case FAILED, RETRY -> metrics.jobRan(job.configId(), false);
                case NOT_EXPORTED -> log(job, "WARN", "job " + name + " was not run: the app has no job of that name");
                case NOT_LOADED, BREAKER_OPEN -> log(job, "WARN", "job " + name + " was not run: " + outcome.error());
            }
        });
    }

    private void log(Job job, String type, String message) {
        logs.append(new AppLogEntry(job.configId(), clock.instant(), type, "SYSTEM", message));
    }
}
