package dev.appserver.orchestrator.exports;

import java.time.Duration;
import java.util.List;

/**
 * How an {@code exportEvents} batch that threw a {@code RetryError} is retried: after each
 * backoff in turn (PostHog's 6 s, 12 s and 24 s by default), then it goes to the export
 * dead-letter queue.
 */
public record ExportRetrySettings(List<Duration> backoffs) {
    public static final ExportRetrySettings DEFAULT =
            new ExportRetrySettings(List.of(Duration.ofSeconds(6), Duration.ofSeconds(12), Duration.ofSeconds(24)));

    public ExportRetrySettings {
        backoffs = List.copyOf(backoffs);
        for (Duration backoff : backoffs) {
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("a retry backoff cannot be negative: " + backoff);
            }
        }
    }

    /** Exponential backoffs: {@code first}, twice that, ... {@code retries} in all. */
    public static ExportRetrySettings exponential(Duration first, int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative: " + retries);
        }
        return new ExportRetrySettings(java.util.stream.IntStream.range(0, retries)
                .mapToObj(i -> first.multipliedBy(1L << i)).toList());
    }

    public int retries() {
        return backoffs.size();
    }
}
