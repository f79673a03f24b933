package dev.appserver.orchestrator.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Jobs waiting to run, shared by every orchestrator. A job is claimed under a lease: no other
 * claim gets it until the lease ends, so while its claimant lives it runs once; a claimant that
 * dies leaves it to be claimed again after the lease. Implementations are thread-safe.
 */
public interface JobQueue {
    /** @return the new job's id */
    long enqueue(NewJob job);

    /**
     * Claims up to {@code max} jobs due at {@code now} (run time reached, no live lease), the
     * earliest first, each leased until {@code now + lease}.
     */
    List<Job> claim(Instant now, int max, Duration lease);

    /** Removes a job that ran (or will never run). */
    void finish(long id);

    /** Ends the lease of a claimed job that did not run, so it may be claimed again at once. */
    void release(long id);

    /** How many jobs wait for {@code configId}, leased ones included. */
    int waiting(long configId);
}
