package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.hostservices.HostCallHandler;
import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Starts the workers of a pool's slots on an executor: each with a new, empty
 * {@link InstanceDirectory} and the host-call handler made over it.
 *
 * <p>Thread-safe.
 */
final class PooledWorkerStarter implements WorkerSlot.WorkerStarter {
    private final WorkerLauncher launcher;
    private final Function<InstanceDirectory, HostCallHandler> handlers;
    private final InstanceListener listener;
    private final SetupRetries retries;
    private final Duration callTimeout;
    private final Executor executor;

    PooledWorkerStarter(WorkerLauncher launcher, Function<InstanceDirectory, HostCallHandler> handlers,
            InstanceListener listener, SetupRetries retries, Duration callTimeout, Executor executor) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.handlers = requireNonNull(handlers, "handlers is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.retries = requireNonNull(retries, "retries is null");
        this.callTimeout = requireNonNull(callTimeout, "callTimeout is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    /** Completes with the started worker, or exceptionally with a {@link WorkerStartException}. */
    @Override
    public CompletableFuture<PooledWorker> start(String name) {
        return CompletableFuture.supplyAsync(() -> {
            InstanceDirectory directory = new InstanceDirectory();
            try {
                Worker worker = launcher.launch(name, requireNonNull(handlers.apply(directory), "handler is null"));
                return new PooledWorker(worker, directory, new InstanceReports(listener), retries, callTimeout);
            } catch (WorkerStartException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }
}
