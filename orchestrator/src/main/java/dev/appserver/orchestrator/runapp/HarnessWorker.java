package dev.appserver.orchestrator.runapp;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.hostservices.HostCallHandler;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.pool.WorkerClient;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.pool.WorkerProcess;
import dev.appserver.orchestrator.pool.WorkerStartException;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.WorkerServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * run-app's one sandbox worker, replaceable: when the worker dies (out of memory, crash, kill),
 * {@link #restart} starts a fresh one and loads the same instances into it again. Each one runs
 * with the server's limits, in a cgroup of its own where the host has cgroups.
 *
 * <p>Not thread-safe: run-app drives it from one thread.
 */
final class HarnessWorker implements AutoCloseable {
    private final WorkerDistribution dist;
    private final WorkerLimits limits;
    private final Cgroups cgroups;
    private final HostCallHandler handler;
    private final Consumer<String> workerStderr;
    private final Path directory;
    private final List<LoadInstanceRequest> loaded = new ArrayList<>();
    private WorkerProcess process;
    private WorkerClient client;
    private int generation;

    HarnessWorker(WorkerDistribution dist, WorkerLimits limits, Cgroups cgroups, HostCallHandler handler,
            Consumer<String> workerStderr) throws IOException {
        this.dist = requireNonNull(dist, "dist is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.cgroups = requireNonNull(cgroups, "cgroups is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.workerStderr = requireNonNull(workerStderr, "workerStderr is null");
        this.directory = Files.createTempDirectory("appserver-run-");
    }

    void start() throws WorkerStartException {
        generation++;
        process = WorkerProcess.start(dist, limits, cgroups, directory.resolve("worker-" + generation + ".sock"), workerStderr);
        client = new WorkerClient(process.socket(), handler);
    }

    String jsRuntime() {
        return process.jsRuntime();
    }

    /** Loads an instance and remembers it, so that a restarted worker gets it again. */
    LoadInstanceResponse load(LoadInstanceRequest request) {
        LoadInstanceResponse response = stub().loadInstance(request);
        if (!response.hasError()) {
            loaded.add(request);
        }
        return response;
    }

    void forget(long instanceId) {
        loaded.removeIf(r -> r.getInstanceId() == instanceId);
    }

    WorkerServiceGrpc.WorkerServiceBlockingStub stub() {
        return client.worker();
    }

    /** A stub whose calls fail with DEADLINE_EXCEEDED after {@code millis}. */
    WorkerServiceGrpc.WorkerServiceBlockingStub stub(long millis) {
        return client.worker().withDeadlineAfter(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether a failed call means the worker is gone (and a restart is due). */
    boolean isDeath(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.RESOURCE_EXHAUSTED
                || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED || !process.isAlive();
    }

    /**
     * Replaces the worker with a fresh one holding the same instances (their setupPlugin runs
     * again). Load logs are handed to {@code logs}.
     */
    void restart(Consumer<LoadInstanceResponse> logs) throws WorkerStartException {
        stop();
        start();
        for (LoadInstanceRequest request : loaded) {
            logs.accept(stub().loadInstance(request));
        }
    }

    private void stop() {
        if (client != null) {
            client.close();
        }
        if (process != null) {
            process.close();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A leftover empty temporary directory is harmless.
        }
    }
}
