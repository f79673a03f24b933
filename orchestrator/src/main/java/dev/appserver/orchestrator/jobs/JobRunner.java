package dev.appserver.orchestrator.jobs;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.scheduling.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the {@link JobQueue} and runs the due jobs this orchestrator claimed, each by the
 * {@link JobHandler} of its kind, at most {@code maxRunning} at a time. A job that ran is removed;
 * one whose app config is gone or disabled is removed with a log line; one that could not run
 * here (the pools are closing) is released for another claim, and so are the claimed jobs still
 * waiting when the runner closes. Jobs claimed by an orchestrator that died are claimed again
 * once their lease ends.
 *
 * <p>Lifecycle: {@link #start}, then {@link #close}. Polls run on the given scheduler, one at a
 * time; {@link #pollOnce} may also be called directly (tests). Thread-safe.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /**
     * @param pollInterval how often the queue is asked for due jobs
     * @param lease how long a claim keeps a job from other orchestrators: longer than any job runs
     * @param maxRunning how many claimed jobs may run at once on this orchestrator
     */
    public record Settings(Duration pollInterval, Duration lease, int maxRunning) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofMinutes(10), 32);

        public Settings {
            requireNonNull(pollInterval, "pollInterval is null");
            requireNonNull(lease, "lease is null");
            if (maxRunning < 1) {
                throw new IllegalArgumentException("maxRunning must be positive: " + maxRunning);
            }
        }
    }

    private final JobQueue queue;
    private final LongFunction<Optional<InstanceSpec>> specs;
    private final Map<JobKind, JobHandler> handlers;
    private final Settings settings;
    private final Clock clock;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private ScheduledFuture<?> polls;

    /**
     * @param specs the app config's instance as its chain has it, empty when it is disabled or gone
     * @param handlers a handler for every {@link JobKind}
     */
    public JobRunner(JobQueue queue, LongFunction<Optional<InstanceSpec>> specs, Map<JobKind, JobHandler> handlers,
            Settings settings, Clock clock) {
        this.queue = requireNonNull(queue, "queue is null");
        this.specs = requireNonNull(specs, "specs is null");
        this.handlers = Map.copyOf(handlers);
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        for (JobKind kind : JobKind.values()) {
            if (!this.handlers.containsKey(kind)) {
                throw new IllegalArgumentException("no handler for jobs of kind " + kind);
            }
        }
    }

    /** Polls every {@code settings.pollInterval()} on {@code scheduler}, which the runner does not shut down. */
    public synchronized JobRunner start(ScheduledExecutorService scheduler) {
        polls = Periodic.every(scheduler, settings.pollInterval(), this::pollOnce, LOG, "polling the job queue");
        return this;
    }

    /** Claims the due jobs there is room for and starts them. @return how many were claimed */
    public int pollOnce() {
        int room = settings.maxRunning() - running.size();
        if (closed || room <= 0) {
            return 0;
        }
        List<Job> claimed = queue.claim(clock.instant(), room, settings.lease());
        claimed.forEach(this::start);
        return claimed.size();
    }

    /** How many claimed jobs are running now. */
    public int running() {
        return running.size();
    }

    private void start(Job job) {
        Optional<InstanceSpec> spec = specs.apply(job.configId());
        if (spec.isEmpty()) {
            LOG.info("dropping {} job {} of app config {}: the app config is disabled or gone", job.job().kind(),
                    job.job().name(), job.configId());
            queue.finish(job.id());
            return;
        }
        running.add(job.id());
        CompletableFuture<Void> run;
        try {
            run = handlers.get(job.job().kind()).run(job, spec.get());
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((ignored, error) -> {
            try {
                if (error == null) {
                    queue.finish(job.id());
                } else {
                    LOG.warn("job {} of app config {} did not run here ({}); releasing it", job.job().name(),
                            job.configId(), error.toString());
                    queue.release(job.id());
                }
            } catch (RuntimeException e) {
                LOG.warn("could not update job {} after it ran: {}", job.id(), e.toString());
            } finally {
                running.remove(job.id());
            }
        });
    }

    /** Stops polling; jobs already running finish (or are released) as their handlers complete. */
    @Override
    public synchronized void close() {
        closed = true;
        if (polls != null) {
            polls.cancel(false);
        }
    }
}
