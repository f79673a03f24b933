package dev.appserver.orchestrator.breakers;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.AppInvoker;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link AppInvoker} behind the app configs' circuit breakers (the same ones as their chains'),
 * for calls whose failures should stop the app from being called for a while: exports. Each call
 * counts once: a {@code RetryError} or a failure is an error. While the breaker is open the call is
 * not made and ends as {@link CallOutcome.Status#BREAKER_OPEN}, at once, so an exporter that keeps
 * failing costs the others nothing. Thread-safe.
 */
public final class BreakingAppInvoker implements AppInvoker {
    private final AppInvoker delegate;
    private final CircuitBreakers breakers;

    public BreakingAppInvoker(AppInvoker delegate, CircuitBreakers breakers) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.breakers = requireNonNull(breakers, "breakers is null");
    }

    @Override
    public CompletableFuture<CallOutcome> call(InstanceSpec spec, AppCall call) {
        CircuitBreakers.Breaker breaker = breakers.of(spec);
        if (!breaker.permits()) {
            return CompletableFuture.completedFuture(CallOutcome.of(CallOutcome.Status.BREAKER_OPEN,
                    "the app's circuit breaker is open"));
        }
        CompletableFuture<CallOutcome> ran;
        try {
            ran = delegate.call(spec, call);
        } catch (RuntimeException e) {
            breaker.release();
            throw e;
        }
        return ran.whenComplete((outcome, error) -> {
            if (error != null) {
                breaker.release();
                return;
            }
            switch (outcome.status()) {
                case SUCCEEDED -> breaker.record(new boolean[] {false});
                case RETRY, FAILED -> breaker.record(new boolean[] {true});
                case NOT_EXPORTED, NOT_LOADED, BREAKER_OPEN -> breaker.release();
            }
        });
    }
}
