package dev.appserver.orchestrator.pool;

import java.util.concurrent.CompletableFuture;

/**
 * Runs an app config's handlers other than its {@code processEvent} chain ({@code onEvent},
 * {@code exportEvents}, scheduled tasks, jobs) somewhere app code may run. Thread-safe; calls
 * return at once and never block on app code.
 *
 * <p>Guarantees: calls for the same app config run one after another in submission order, calls
 * for different app configs in parallel, and none of them waits for (or holds up) the tenants'
 * {@code processEvent} batches: they run on instances of their own, as PostHog's async-handler
 * and scheduler processes load their own copies of a plugin. App failures are outcomes; the
 * future completes exceptionally only when the invoker is closed or no worker can be started.
 */
public interface AppInvoker {
    CompletableFuture<CallOutcome> call(InstanceSpec spec, AppCall call);
}
