package dev.appserver.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} does, run against each implementation by a subclass that supplies
 * an empty queue and app configs the jobs can belong to.
 */
public abstract class JobQueueContract {
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private JobQueue queue;
    private long config;
    private long otherConfig;

    /** An empty queue. */
    protected abstract JobQueue newQueue() throws Exception;

    /** The id of a new app config that jobs may belong to. */
    protected abstract long newConfig() throws Exception;

    @BeforeEach
    void createQueue() throws Exception {
        queue = newQueue();
        config = newConfig();
        otherConfig = newConfig();
    }

    private static NewJob job(long configId, String name, Instant runAt) {
        return new NewJob(configId, JobKind.APP, name, "{\"n\":\"" + name + "\",\"b\":1,\"a\":2}", runAt);
    }

    @Test
    void claimsOnlyDueJobsEarliestFirstWithTheirPayloadAsGiven() {
        queue.enqueue(job(config, "later", T0.plusSeconds(60)));
        queue.enqueue(job(config, "second", T0.minusSeconds(10)));
        queue.enqueue(job(otherConfig, "first", T0.minusSeconds(20)));
        queue.enqueue(job(config, "now", T0));

        List<Job> claimed = queue.claim(T0, 10, LEASE);

        assertThat(claimed).extracting(j -> j.job().name()).containsExactly("first", "second", "now");
        assertThat(claimed.get(0).job()).isEqualTo(job(otherConfig, "first", T0.minusSeconds(20)));
        assertThat(claimed).extracting(Job::attempts).containsOnly(1);
        assertThat(queue.claim(T0.plusSeconds(60), 10, LEASE)).extracting(j -> j.job().name()).containsExactly("later");
    }

    @Test
    void aClaimedJobIsNotClaimedAgainUntilItsLeaseEnds() {
        long id = queue.enqueue(job(config, "sync", T0));
        assertThat(queue.claim(T0, 10, LEASE)).extracting(Job::id).containsExactly(id);

        assertThat(queue.claim(T0.plus(LEASE).minusSeconds(1), 10, LEASE)).isEmpty();
        List<Job> again = queue.claim(T0.plus(LEASE).plusSeconds(1), 10, LEASE);

        assertThat(again).extracting(Job::id).containsExactly(id);
        assertThat(again.get(0).attempts()).isEqualTo(2);
    }

    @Test
    void aReleasedJobIsClaimableAtOnce() {
        long id = queue.enqueue(job(config, "sync", T0));
        queue.claim(T0, 10, LEASE);

        queue.release(id);

        assertThat(queue.claim(T0.plusSeconds(1), 10, LEASE)).extracting(Job::id).containsExactly(id);
    }

    @Test
    void aFinishedJobIsGone() {
        long id = queue.enqueue(job(config, "sync", T0));
        queue.enqueue(job(otherConfig, "other", T0.plusSeconds(5)));
        assertThat(queue.waiting(config)).isEqualTo(1);

        queue.finish(id);

        assertThat(queue.waiting(config)).isZero();
        assertThat(queue.waiting(otherConfig)).isEqualTo(1);
        assertThat(queue.claim(T0.plus(LEASE).plus(LEASE), 10, LEASE)).extracting(j -> j.job().name()).containsExactly("other");
    }

    @Test
    void claimsAtMostTheNumberAsked() {
        for (int i = 0; i < 5; i++) {
            queue.enqueue(job(config, "job-" + i, T0.plusMillis(i)));
        }

        assertThat(queue.claim(T0.plusSeconds(1), 2, LEASE)).extracting(j -> j.job().name()).containsExactly("job-0", "job-1");
        assertThat(queue.claim(T0.plusSeconds(1), 10, LEASE)).hasSize(3);
    }

    @Test
    void concurrentClaimantsNeverGetTheSameJob() throws Exception {
        int jobs = 200;
        for (int i = 0; i < jobs; i++) {
            queue.enqueue(job(config, "job-" + i, T0));
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                List<Job> got;
                while (!(got = queue.claim(T0, 7, LEASE)).isEmpty()) {
                    for (Job job : got) {
                        if (!claimed.add(job.id())) {
                            synchronized (duplicates) {
                                duplicates.add(job.id());
                            }
                        }
                    }
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(30_000);
        }

        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(jobs);
    }
}
