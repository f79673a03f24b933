package dev.appserver.orchestrator.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A queued job, as claimed.
 *
 * @param id the queue's id for it
 * @param job what was queued
 * @param attempts how many times it was claimed, this claim included
 */
public record Job(long id, NewJob job, int attempts) {
    public Job {
        requireNonNull(job, "job is null");
    }

    public long configId() {
        return job.configId();
    }

    public Instant runAt() {
        return job.runAt();
    }
}
