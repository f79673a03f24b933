package dev.appserver.orchestrator.appmetrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-app-config counters ({@link AppCounter}) of this orchestrator, in memory since it started:
 * a cluster's totals are the sum over its nodes, as in Prometheus. Read one app config's with
 * {@link #counts}; {@code /metrics} gets {@code appserver_app_outcomes_total} with the labels
 * {@code kind} and {@code outcome} only, totals over every app config, so the number of series
 * stays fixed however many tenants there are.
 *
 * <p>Fed by ingestion ({@link #add(ProcessEventTally)}, once a batch is delivered) and by the code
 * that calls {@code onEvent}, {@code exportEvents}, tasks and jobs. Memory grows with the app
 * configs that ran here (eleven longs each) until {@link #forget}.
 *
 * <p>Thread-safe; counting is lock-free.
 */
public final class AppMetrics {
    private static final AppCounter[] COUNTERS = AppCounter.values();

    private final Instant since;
    private final Map<Long, AtomicLongArray> byConfig = new ConcurrentHashMap<>();
    private final Counter[] totals = new Counter[COUNTERS.length];

    public AppMetrics(MeterRegistry registry, Clock clock) {
        requireNonNull(registry, "registry is null");
        this.since = requireNonNull(clock, "clock is null").instant();
        for (AppCounter counter : COUNTERS) {
            totals[counter.ordinal()] = Counter.builder("appserver.app.outcomes")
                    .description("what apps did, over all app configs (per app config: GET /api/configs/{id}/metrics);"
                            + " processEvent, onEvent and exportEvents in events, task and job in runs")
                    .tag("kind", counter.kind()).tag("outcome", counter.outcome()).register(registry);
        }
    }

    /** Counts a delivered batch's {@code processEvent} outcomes. */
    public void add(ProcessEventTally tally) {
        tally.forEach((configId, processed, dropped, failed) -> {
            add(configId, AppCounter.PROCESSED, processed);
            add(configId, AppCounter.DROPPED, dropped);
            add(configId, AppCounter.FAILED, failed);
        });
    }

    /** {@code events} were handed to the app config's {@code onEvent}. */
    public void onEvent(long configId, long events) {
        add(configId, AppCounter.ON_EVENT, events);
    }

    /** The app config's {@code exportEvents} took {@code events} (the call succeeded). */
    public void exported(long configId, long events) {
        add(configId, AppCounter.EXPORTED, events);
    }

    /** An {@code exportEvents} call of {@code events} asked to be retried ({@code RetryError}); count each retry. */
    public void exportRetried(long configId, long events) {
        add(configId, AppCounter.EXPORT_RETRIED, events);
    }

    /** {@code events} of the app config went to the export dead-letter topic after their last retry. */
    public void exportDeadLettered(long configId, long events) {
        add(configId, AppCounter.EXPORT_DLQ, events);
    }

    /** A scheduled task ({@code runEveryMinute}, ...) of the app config ran. */
    public void taskRan(long configId, boolean succeeded) {
        add(configId, succeeded ? AppCounter.TASK_SUCCEEDED : AppCounter.TASK_FAILED, 1);
    }

    /** A job of the app config ran. */
    public void jobRan(long configId, boolean succeeded) {
        add(configId, succeeded ? AppCounter.JOB_SUCCEEDED : AppCounter.JOB_FAILED, 1);
    }

    /** The app config's counters; all zero when nothing was counted for it here. */
    public AppConfigCounts counts(long configId) {
        AtomicLongArray values = byConfig.get(configId);
        Map<AppCounter, Long> out = new EnumMap<>(AppCounter.class);
        for (AppCounter counter : COUNTERS) {
            out.put(counter, values == null ? 0 : values.get(counter.ordinal()));
        }
        return new AppConfigCounts(configId, since, out);
    }

    /** Drops the app config's counters (it was deleted); the totals keep what it did. */
    public void forget(long configId) {
        byConfig.remove(configId);
    }

    private void add(long configId, AppCounter counter, long count) {
        if (count < 0) {
            throw new IllegalArgumentException(counter + " cannot count down: " + count);
        }
        if (count == 0) {
            return;
        }
        byConfig.computeIfAbsent(configId, id -> new AtomicLongArray(COUNTERS.length)).addAndGet(counter.ordinal(), count);
        totals[counter.ordinal()].increment(count);
    }
}
