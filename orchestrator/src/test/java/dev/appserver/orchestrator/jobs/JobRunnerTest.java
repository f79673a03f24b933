package dev.appserver.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link JobRunner} over the in-memory queue, with a clock the test moves. */
class JobRunnerTest {
    private static final InstanceSpec SPEC = new InstanceSpec(7, 1, 2, 3, "app", "index.js", "", "", "{}", Map.of(), 0, false);

    private final MutableClock clock = new MutableClock();
    private final InMemoryJobQueue queue = new InMemoryJobQueue();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();

    private JobRunner runner(JobRunner.Settings settings, boolean configEnabled) {
        JobHandler handler = (job, spec) -> {
            ran.add(job.job().name() + "@" + spec.configId());
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            return done;
        };
        return new JobRunner(queue, id -> configEnabled && id == 7 ? Optional.of(SPEC) : Optional.empty(),
                Map.of(JobKind.APP, handler, JobKind.EXPORT_RETRY, handler), settings, clock);
    }

    private NewJob job(String name, Duration in) {
        return new NewJob(7, JobKind.APP, name, "{}", clock.instant().plus(in));
    }

    @Test
    void runsEachJobOnceAtOrAfterItsTimeAndRemovesItWhenDone() {
        JobRunner runner = runner(JobRunner.Settings.DEFAULT, true);
        queue.enqueue(job("now", Duration.ZERO));
        queue.enqueue(job("later", Duration.ofMinutes(5)));

        assertThat(runner.pollOnce()).isEqualTo(1);
        assertThat(runner.pollOnce()).isZero();
        assertThat(ran).containsExactly("now@7");
        pending.get(0).complete(null);
        assertThat(queue.waiting(7)).isEqualTo(1);
        assertThat(runner.running()).isZero();

        clock.advance(Duration.ofMinutes(5));
        assertThat(runner.pollOnce()).isEqualTo(1);
        assertThat(ran).containsExactly("now@7", "later@7");
    }

    @Test
    void aJobThatCouldNotRunHereIsReleasedForAnotherClaim() {
        JobRunner runner = runner(JobRunner.Settings.DEFAULT, true);
        queue.enqueue(job("sync", Duration.ZERO));
        runner.pollOnce();

        pending.get(0).completeExceptionally(new IllegalStateException("the worker pool is closed"));

        assertThat(queue.waiting(7)).isEqualTo(1);
        assertThat(runner.pollOnce()).isEqualTo(1);
        assertThat(ran).containsExactly("sync@7", "sync@7");
    }

    @Test
    void aJobOfADisabledAppConfigIsDropped() {
        JobRunner runner = runner(JobRunner.Settings.DEFAULT, false);
        queue.enqueue(job("sync", Duration.ZERO));

        runner.pollOnce();

        assertThat(ran).isEmpty();
        assertThat(queue.waiting(7)).isZero();
    }

    @Test
    void runsAtMostMaxRunningAtOnce() {
        JobRunner runner = runner(new JobRunner.Settings(Duration.ofSeconds(1), Duration.ofMinutes(10), 2), true);
        for (int i = 0; i < 5; i++) {
            queue.enqueue(job("job-" + i, Duration.ZERO));
        }

        assertThat(runner.pollOnce()).isEqualTo(2);
        assertThat(runner.pollOnce()).isZero();
        pending.get(0).complete(null);
        assertThat(runner.pollOnce()).isEqualTo(1);
        assertThat(ran).containsExactly("job-0@7", "job-1@7", "job-2@7");
    }

    @Test
    void aClosedRunnerClaimsNothing() {
        JobRunner runner = runner(JobRunner.Settings.DEFAULT, true);
        queue.enqueue(job("sync", Duration.ZERO));

        runner.close();

        assertThat(runner.pollOnce()).isZero();
        assertThat(ran).isEmpty();
    }
}
