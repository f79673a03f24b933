package dev.appserver.orchestrator.breakers;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * A {@link ChainExecutor} that runs each batch only through the app configs whose
 * {@link CircuitBreakers breaker} permits it, and feeds every outcome back to the breakers.
 *
 * <p>Before a batch, each app config of the chain asks its breaker; those refused (open, or
 * half-open with its probes taken) are left out of the chain handed to the delegate, and every
 * event passes through them unchanged: they are in each outcome's {@code failedConfigIds} and in
 * the event's {@code $plugins_failed}, in chain order ({@link SkippedApps}). After the batch, each
 * permitted app config's breaker counts one call per event: failed when the app config is in that
 * event's {@code failedConfigIds}, successful otherwise (decision 0012). An app config whose load
 * is failing ({@code setupFailing}) is not counted at all: its failures are the setup retry
 * policy's to judge. Permissions are asked when a batch is submitted, so batches already
 * submitted when a breaker opens still run the app.
 *
 * <p>Thread-safe, like the delegate; it keeps the delegate's guarantees (one outcome per event, in
 * order, a tenant's batches in submission order).
 */
public final class BreakingChainExecutor implements ChainExecutor {
    private final ChainExecutor delegate;
    private final CircuitBreakers breakers;
    private final LongPredicate setupFailing;

    /**
     * @param setupFailing whether an app config's load is failing now (its breaker then counts nothing)
     */
    public BreakingChainExecutor(ChainExecutor delegate, CircuitBreakers breakers, LongPredicate setupFailing) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.breakers = requireNonNull(breakers, "breakers is null");
        this.setupFailing = requireNonNull(setupFailing, "setupFailing is null");
    }

    @Override
    public CompletableFuture<List<EventOutcome>> process(List<InstanceSpec> chain, List<byte[]> events) {
        if (requireNonNull(chain, "chain is null").isEmpty()) {
            throw new IllegalArgumentException("the chain is empty");
        }
        List<byte[]> batch = List.copyOf(requireNonNull(events, "events is null"));
        if (batch.isEmpty()) {
            return delegate.process(chain, batch);
        }
        List<InstanceSpec> permitted = new ArrayList<>();
        List<CircuitBreakers.Breaker> permits = new ArrayList<>();
        Set<Long> skipped = new LinkedHashSet<>();
        for (InstanceSpec spec : chain) {
            CircuitBreakers.Breaker breaker = breakers.of(spec);
            if (breaker.permits()) {
                permitted.add(spec);
                permits.add(breaker);
            } else {
                skipped.add(spec.configId());
            }
        }
        SkippedApps skips = new SkippedApps(chain, skipped);
        if (permitted.isEmpty()) {
            return CompletableFuture.completedFuture(skips.passThrough(batch));
        }
        CompletableFuture<List<EventOutcome>> ran;
        try {
            ran = delegate.process(permitted, batch);
        } catch (RuntimeException e) {
            permits.forEach(CircuitBreakers.Breaker::release);
            throw e;
        }
        return ran.handle((outcomes, error) -> {
            if (error != null) {
                permits.forEach(CircuitBreakers.Breaker::release);
                throw error instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(error);
            }
            record(permitted, permits, outcomes);
            return skipped.isEmpty() ? outcomes : skips.addTo(outcomes);
        });
    }

    private void record(List<InstanceSpec> permitted, List<CircuitBreakers.Breaker> permits, List<EventOutcome> outcomes) {
        for (int i = 0; i < permitted.size(); i++) {
            long configId = permitted.get(i).configId();
            if (setupFailing.test(configId)) {
                permits.get(i).release();
                continue;
            }
            boolean[] failed = new boolean[outcomes.size()];
            for (int e = 0; e < failed.length; e++) {
                failed[e] = outcomes.get(e).failedConfigIds().contains(configId);
            }
            permits.get(i).record(failed);
        }
    }

    @Override
    public void retire(long configId, long keepVersion) {
        breakers.forget(configId, keepVersion);
        delegate.retire(configId, keepVersion);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
