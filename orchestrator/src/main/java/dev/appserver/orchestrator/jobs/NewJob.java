package dev.appserver.orchestrator.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A job to queue.
 *
 * @param configId the app config it runs for
 * @param kind what it runs
 * @param name the app's job name ({@link JobKind#APP}), or a description
 * @param payloadJson its payload, a JSON text
 * @param runAt the earliest time it may run
 */
public record NewJob(long configId, JobKind kind, String name, String payloadJson, Instant runAt) {
    public NewJob {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(payloadJson, "payloadJson is null");
        requireNonNull(runAt, "runAt is null");
    }
}
