package dev.appserver.orchestrator.pool;

import dev.appserver.proto.v1.ExportEventsRequest;
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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One started sandbox worker as the {@link WorkerPool} drives it: the WorkerService calls it
 * needs, each with a deadline, and the process's life. {@link ProcessWorker} is the real one;
 * tests use fakes.
 *
 * <p>Calls throw {@link io.grpc.StatusRuntimeException} with worker_service.proto's codes
 * (UNAVAILABLE or CANCELLED once the worker is gone, DEADLINE_EXCEEDED past the deadline).
 * Thread-safe: the pool calls it from many threads at once.
 */
interface Worker extends AutoCloseable {
    long pid();

    LoadInstanceResponse loadInstance(LoadInstanceRequest request, Duration deadline);

    UnloadInstanceResponse unloadInstance(UnloadInstanceRequest request, Duration deadline);

    ProcessBatchResponse processBatch(ProcessBatchRequest request, Duration deadline);

    OnEventsResponse onEvents(OnEventsRequest request, Duration deadline);

    InvocationResponse exportEvents(ExportEventsRequest request, Duration deadline);

    InvocationResponse runTask(RunTaskRequest request, Duration deadline);

    InvocationResponse runJob(RunJobRequest request, Duration deadline);

    HealthResponse health(Duration deadline);

    /** Completes when the process has exited. */
    CompletableFuture<Void> onExit();

    /** Kills the process at once (SIGKILL) and releases the connection; for a dead or hung worker. */
    void kill();

    /** Stops the worker gracefully and releases the connection. */
    @Override
    void close();
}
