package dev.appserver.orchestrator.jobs;

import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.concurrent.CompletableFuture;

/** Runs the claimed jobs of one {@link JobKind}. */
@FunctionalInterface
public interface JobHandler {
    /**
     * Runs {@code job} for the app config {@code spec}. The future completes once the job is done
     * with (ran, failed for good, or queued again by the handler): the runner then removes it. It
     * completes exceptionally when the job could not be run here (the pools are closing): the
     * runner then releases it for another claim.
     */
    CompletableFuture<Void> run(Job job, InstanceSpec spec);
}
