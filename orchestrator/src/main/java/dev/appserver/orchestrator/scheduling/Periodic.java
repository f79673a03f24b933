package dev.appserver.orchestrator.scheduling;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Runs a task every interval on a scheduler, from now on, one run at a time; a run that throws is
 * logged at WARN and the next one runs as planned (a scheduled task that throws would otherwise
 * never run again).
 */
public final class Periodic {
    private Periodic() {}

    /** @return the handle that cancels the runs */
    public static ScheduledFuture<?> every(ScheduledExecutorService scheduler, Duration interval, Runnable task,
            Logger log, String what) {
        requireNonNull(task, "task is null");
        requireNonNull(log, "log is null");
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", what, e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}
