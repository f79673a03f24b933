package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import java.time.Duration;

/**
 * How a {@link WorkerPool} runs its workers.
 *
 * @param workers how many worker processes the pool keeps running
 * @param limits each worker's limits
 * @param callTimeout the deadline of every call into a worker except the health check (a
 *     batch, a load with its {@code setupPlugin}, an unload with its {@code teardownPlugin});
 *     a worker that does not answer within it is taken for hung and replaced. Keep it well
 *     above the apps' per-invocation limit times the length of a chain.
 * @param healthCheckInterval how often each worker's {@code Health} rpc is called
 * @param healthCheckDeadline how long a worker may take to answer it before it is replaced
 * @param maxBatchesInFlight from this many batches in flight on, {@link WorkerPool#saturated()}
 *     is true (nothing is refused: the caller pauses its input); each worker runs its share of
 *     them at a time (rounded up), and further batches wait their turn
 * @param loadRetryBackoff after a {@code setupPlugin} that threw a {@code RetryError}, how long
 *     the app config runs without it (counted as failed) before a batch tries to load it again;
 *     doubled after each further {@code RetryError}, up to {@link SetupRetries#MAX_ATTEMPTS}
 *     loads. Other load failures are not retried ({@link SetupRetries})
 * @param closeTimeout how long {@link WorkerPool#close()} waits for batches in flight
 * @param unconfinedWorkers what to do with a worker that reports its seccomp filter off: warn
 *     (once per reason) or refuse it
 */
public record WorkerPoolSettings(
        int workers,
        WorkerLimits limits,
        Duration callTimeout,
        Duration healthCheckInterval,
        Duration healthCheckDeadline,
        int maxBatchesInFlight,
        Duration loadRetryBackoff,
        Duration closeTimeout,
        UnconfinedWorkers unconfinedWorkers) {
    public WorkerPoolSettings {
        requireNonNull(limits, "limits is null");
        requirePositive(callTimeout, "callTimeout");
        requirePositive(healthCheckInterval, "healthCheckInterval");
        requirePositive(healthCheckDeadline, "healthCheckDeadline");
        requireNonNull(loadRetryBackoff, "loadRetryBackoff is null");
        requireNonNull(closeTimeout, "closeTimeout is null");
        requireNonNull(unconfinedWorkers, "unconfinedWorkers is null");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        if (maxBatchesInFlight < 1) {
            throw new IllegalArgumentException("maxBatchesInFlight must be at least 1: " + maxBatchesInFlight);
        }
    }

    /**
     * One worker per available processor (at least one) with default limits; 2-minute calls,
     * health checked every 5 s with a 10 s deadline, saturated at 4 batches per worker, a setup
     * {@code RetryError} retried after 5, 10, 20 and 40 s (PostHog's schedule), 30 s for close; a
     * worker without seccomp runs after a warning.
     */
    public static WorkerPoolSettings defaults() {
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new WorkerPoolSettings(workers, WorkerLimits.DEFAULT, Duration.ofMinutes(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 4 * workers, Duration.ofSeconds(5), Duration.ofSeconds(30), UnconfinedWorkers.WARN);
    }

    public WorkerPoolSettings withWorkers(int count) {
        return new WorkerPoolSettings(count, limits, callTimeout, healthCheckInterval, healthCheckDeadline,
                maxBatchesInFlight, loadRetryBackoff, closeTimeout, unconfinedWorkers);
    }

    public WorkerPoolSettings withLimits(WorkerLimits value) {
        return new WorkerPoolSettings(workers, value, callTimeout, healthCheckInterval, healthCheckDeadline,
                maxBatchesInFlight, loadRetryBackoff, closeTimeout, unconfinedWorkers);
    }

    public WorkerPoolSettings withHealthChecks(Duration interval, Duration deadline) {
        return new WorkerPoolSettings(workers, limits, callTimeout, interval, deadline, maxBatchesInFlight,
                loadRetryBackoff, closeTimeout, unconfinedWorkers);
    }

    public WorkerPoolSettings withMaxBatchesInFlight(int value) {
        return new WorkerPoolSettings(workers, limits, callTimeout, healthCheckInterval, healthCheckDeadline, value,
                loadRetryBackoff, closeTimeout, unconfinedWorkers);
    }

    public WorkerPoolSettings withUnconfinedWorkers(UnconfinedWorkers value) {
        return new WorkerPoolSettings(workers, limits, callTimeout, healthCheckInterval, healthCheckDeadline,
                maxBatchesInFlight, loadRetryBackoff, closeTimeout, value);
    }

    public WorkerPoolSettings withLoadRetryBackoff(Duration value) {
        return new WorkerPoolSettings(workers, limits, callTimeout, healthCheckInterval, healthCheckDeadline,
                maxBatchesInFlight, value, closeTimeout, unconfinedWorkers);
    }

    private static void requirePositive(Duration value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
