package dev.appserver.orchestrator.applogs;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Counts log entries that could not be published and says so at most once per {@link #INTERVAL},
 * with how many failed since the last warning and the latest cause.
 * Thread-safe: failures come from the publishing thread and the producer's callbacks.
 */
final class PublishFailures {
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Consumer<String> warnings;
    private final Clock clock;
    private final Counter counter;
    private long total;
    private long unreported;
    private Instant warnedAt = Instant.MIN;

    /** @param warnings where the warnings go (the log, at WARN) */
    PublishFailures(Consumer<String> warnings, Clock clock, MeterRegistry registry) {
        this.warnings = requireNonNull(warnings, "warnings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.counter = Counter.builder("appserver.app_logs.publish_failures")
                .description("app log entries stored but not published to the log entries topic").register(registry);
    }

    void failed(String cause) {
        counter.increment();
        long count;
        synchronized (this) {
            total++;
            unreported++;
            Instant now = clock.instant();
            if (now.isBefore(warnedAt.plus(INTERVAL))) {
                return;
            }
            warnedAt = now;
            count = unreported;
            unreported = 0;
        }
        warnings.accept(count + " app log entries not published (stored all the same); latest cause: " + cause);
    }

    /** Every failure so far. */
    synchronized long total() {
        return total;
    }
}
