package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.proto.v1.ExportEventsRequest;
import dev.appserver.proto.v1.HealthRequest;
import dev.appserver.proto.v1.HealthResponse;
import dev.appserver.proto.v1.InvocationResponse;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.OnEventsRequest;
import dev.appserver.proto.v1.OnEventsResponse;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
import dev.appserver.proto.v1.RunJobRequest;
import dev.appserver.proto.v1.RunTaskRequest;
import dev.appserver.proto.v1.UnloadInstanceRequest;
import dev.appserver.proto.v1.UnloadInstanceResponse;
import dev.appserver.proto.v1.WorkerServiceGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Worker} that is a real sandbox worker JVM: a {@link WorkerProcess} and the
 * {@link WorkerClient} connected to it. Its standard error goes to SLF4J with its pid.
 *
 * <p>Thread-safe.
 */
final class ProcessWorker implements Worker {
    private final WorkerProcess process;
    private final WorkerClient client;

    private ProcessWorker(WorkerProcess process, WorkerClient client) {
        this.process = process;
        this.client = client;
    }

    /**
     * Starts workers from {@code dist} with {@code limits}, each in a group of {@code cgroups},
     * their sockets in {@code socketDirectory}.
     */
    static WorkerLauncher launcher(WorkerDistribution dist, WorkerLimits limits, Cgroups cgroups, Path socketDirectory) {
        requireNonNull(dist, "dist is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(cgroups, "cgroups is null");
        requireNonNull(socketDirectory, "socketDirectory is null");
        return (name, handler) -> {
            WorkerProcess process = WorkerProcess.start(dist, limits, cgroups, socketDirectory.resolve(name + ".sock"),
                    WorkerStderr::log);
            try {
                return new ProcessWorker(process, new WorkerClient(process.socket(), handler));
            } catch (RuntimeException e) {
                process.close();
                throw new WorkerStartException("cannot connect to worker " + process.pid() + ": " + e.getMessage());
            }
        };
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public LoadInstanceResponse loadInstance(LoadInstanceRequest request, Duration deadline) {
        return stub(deadline).loadInstance(request);
    }

    @Override
    public UnloadInstanceResponse unloadInstance(UnloadInstanceRequest request, Duration deadline) {
        return stub(deadline).unloadInstance(request);
    }

    @Override
    public ProcessBatchResponse processBatch(ProcessBatchRequest request, Duration deadline) {
        return stub(deadline).processBatch(request);
    }

    @Override
    public OnEventsResponse onEvents(OnEventsRequest request, Duration deadline) {
        return stub(deadline).onEvents(request);
    }

    @Override
    public InvocationResponse exportEvents(ExportEventsRequest request, Duration deadline) {
        return stub(deadline).exportEvents(request);
    }

    @Override
    public InvocationResponse runTask(RunTaskRequest request, Duration deadline) {
        return stub(deadline).runTask(request);
    }

    @Override
    public InvocationResponse runJob(RunJobRequest request, Duration deadline) {
        return stub(deadline).runJob(request);
    }

    @Override
    public HealthResponse health(Duration deadline) {
        return stub(deadline).health(HealthRequest.getDefaultInstance());
    }

    private WorkerServiceGrpc.WorkerServiceBlockingStub stub(Duration deadline) {
        return client.worker().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Void> onExit() {
        return process.onExit().thenApply(code -> null);
    }

    @Override
    public void kill() {
        // SIGKILL also ends a stopped (SIGSTOP) or hung process, which would ignore a polite stop.
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        close();
    }

    @Override
    public void close() {
        client.close();
        process.close();
    }

    @Override
    public String toString() {
        return "worker " + process.pid();
    }
}
