package dev.appserver.orchestrator.breakers;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Locale;

/** What the app config's log says when its breaker changes state. */
final class BreakerMessages {
    private BreakerMessages() {}

    static String transition(CircuitBreaker.StateTransition transition, CircuitBreaker.Metrics metrics,
            BreakerSettings settings) {
        String rate = String.format(Locale.ROOT, "%.0f %%", Math.max(0, metrics.getFailureRate()));
        String threshold = String.format(Locale.ROOT, "%.0f %%", settings.failureRateThreshold());
        long wait = settings.waitInOpenState().toSeconds();
        return switch (transition.getToState()) {
            case OPEN, FORCED_OPEN -> (transition.getFromState() == CircuitBreaker.State.HALF_OPEN
                    ? "circuit breaker opened again: the app failed on " + rate + " of " + metrics.getNumberOfBufferedCalls()
                            + " probe events"
                    : "circuit breaker opened: the app failed on " + rate + " of its last "
                            + metrics.getNumberOfBufferedCalls() + " events")
                    + " (threshold " + threshold + "). Its events skip it, listed in $plugins_failed, for " + wait
                    + " s; then " + settings.probeEvents() + " events go through it as a probe.";
            case HALF_OPEN -> "circuit breaker half-open: the next " + settings.probeEvents()
                    + " events go through the app as a probe.";
            // A closed breaker starts with empty metrics: the probe's rate is gone by now.
            case CLOSED -> "circuit breaker closed: the app failed on fewer than " + threshold + " of "
                    + settings.probeEvents() + " probe events; it runs on every event again.";
            case DISABLED, METRICS_ONLY -> "circuit breaker " + CircuitBreakers.stateName(transition.getToState()) + ".";
        };
    }
}
