package dev.appserver.orchestrator.breakers;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * How the breaker of every app config decides. A call is one event through the app: an event on
 * which the app failed (threw, timed out, crashed its worker) is a failed call, any other a
 * successful one (decision 0012).
 *
 * @param failureRateThreshold the percentage of failed events, over the last
 *     {@code slidingWindowEvents}, from which the breaker opens
 * @param slidingWindowEvents how many of the app's latest events the failure rate is taken over
 * @param minimumEvents how many events the app must have seen before the rate counts
 * @param waitInOpenState how long an open breaker skips the app before it lets a probe through
 * @param probeEvents how many events of the probe batches (half-open) decide whether the breaker
 *     closes (failure rate below the threshold) or opens again
 */
public record BreakerSettings(float failureRateThreshold, int slidingWindowEvents, int minimumEvents,
        Duration waitInOpenState, int probeEvents) {
    public BreakerSettings {
        requireNonNull(waitInOpenState, "waitInOpenState is null");
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw new IllegalArgumentException("the failure rate threshold is a percentage above 0: " + failureRateThreshold);
        }
        if (slidingWindowEvents < 1 || minimumEvents < 1 || probeEvents < 1) {
            throw new IllegalArgumentException("the window, minimum and probe event counts must be at least 1: "
                    + slidingWindowEvents + ", " + minimumEvents + ", " + probeEvents);
        }
        if (waitInOpenState.isNegative() || waitInOpenState.isZero()) {
            throw new IllegalArgumentException("the wait in the open state must be positive: " + waitInOpenState);
        }
    }

    /**
     * Opens at 50 % failed over the last 100 events (once 20 were seen), skips the app for 60 s,
     * then judges 10 probe events.
     */
    public static BreakerSettings defaults() {
        return new BreakerSettings(50, 100, 20, Duration.ofSeconds(60), 10);
    }

    /** The Resilience4j configuration, its time read from {@code clock}. */
    CircuitBreakerConfig toConfig(Clock clock) {
        return CircuitBreakerConfig.custom()
                .clock(requireNonNull(clock, "clock is null"))
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindowEvents)
                .minimumNumberOfCalls(Math.min(minimumEvents, slidingWindowEvents))
                .failureRateThreshold(failureRateThreshold)
                .waitDurationInOpenState(waitInOpenState)
                .permittedNumberOfCallsInHalfOpenState(probeEvents)
                .writableStackTraceEnabled(false)
                .build();
    }
}
