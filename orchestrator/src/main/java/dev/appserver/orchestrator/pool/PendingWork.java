package dev.appserver.orchestrator.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The batches, app calls and retirements a pool has accepted and not finished: counted for back-pressure,
 * awaited on close.
 *
 * <p>Thread-safe.
 */
final class PendingWork {
    private final Set<CompletableFuture<?>> batches = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<?>> retirements = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<?>> calls = ConcurrentHashMap.newKeySet();

    /** Tracks {@code batch}; @return a future that completes like it once it is no longer counted */
    <T> CompletableFuture<T> batch(CompletableFuture<T> batch) {
        return track(batches, batch);
    }

    <T> CompletableFuture<T> retirement(CompletableFuture<T> retirement) {
        return track(retirements, retirement);
    }

    /** Tracks an app call: awaited on close, but not counted for back-pressure. */
    <T> CompletableFuture<T> call(CompletableFuture<T> call) {
        return track(calls, call);
    }

    int batches() {
        return batches.size();
    }

    /** Waits up to {@code timeout} for everything pending now; @return whether it all finished */
    boolean await(Duration timeout) throws InterruptedException {
        List<CompletableFuture<?>> pending = new ArrayList<>(batches);
        pending.addAll(retirements);
        pending.addAll(calls);
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            // allOf fails only once all are done; a failure is the submitter's business.
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static <T> CompletableFuture<T> track(Set<CompletableFuture<?>> set, CompletableFuture<T> work) {
        // Callers see completion only after the count dropped, so a finished batch is never counted.
        CompletableFuture<T> tracked = new CompletableFuture<>();
        set.add(tracked);
        work.whenComplete((result, error) -> {
            set.remove(tracked);
            if (error == null) {
                tracked.complete(result);
            } else {
                tracked.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        return tracked;
    }
}
