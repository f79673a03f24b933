package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.EventResult;
import dev.appserver.proto.v1.ExportEventsRequest;
import dev.appserver.proto.v1.HealthResponse;
import dev.appserver.proto.v1.InvocationResponse;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.LogEntry;
import dev.appserver.proto.v1.OnEventsRequest;
import dev.appserver.proto.v1.OnEventsResponse;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
import dev.appserver.proto.v1.RunJobRequest;
import dev.appserver.proto.v1.RunTaskRequest;
import dev.appserver.proto.v1.UnloadInstanceRequest;
import dev.appserver.proto.v1.UnloadInstanceResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Worker} in this JVM that runs {@link FakeApp}s the way a sandbox worker runs apps:
 * instances by id, chains with skip lists and per-event failures, log entries in responses. It
 * can crash (an app's doing, or {@link #kill}), and hang (calls wait until it is killed, health
 * checks time out). Thread-safe.
 */
final class FakeWorker implements Worker {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown by a fake app to take its worker down. */
    static final class Crash extends RuntimeException {}

    private final long pid;
    /** The name the pool started it with, e.g. {@code quarantine-3-1}. */
    final String name;
    final long startedNanos = System.nanoTime();
    private volatile long endedNanos;
    private final FakeWorkers fleet;
    private final Map<Long, FakeApp> instances = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> exit = new CompletableFuture<>();
    private volatile boolean hung;

    FakeWorker(long pid, String name, FakeWorkers fleet) {
        this.pid = pid;
        this.name = requireNonNull(name, "name is null");
        this.fleet = requireNonNull(fleet, "fleet is null");
    }

    /** From now on calls wait until the worker is killed, and health checks time out. */
    void hang() {
        hung = true;
    }

    boolean alive() {
        return !exit.isDone();
    }

    /** When it was killed, stopped or crashed; {@link Long#MAX_VALUE} while alive. */
    long endedNanos() {
        return alive() ? Long.MAX_VALUE : endedNanos;
    }

    Set<Long> instanceIds() {
        return Set.copyOf(instances.keySet());
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public LoadInstanceResponse loadInstance(LoadInstanceRequest request, Duration deadline) {
        serve();
        FakeApp app = fleet.app(request.getCode());
        fleet.loads.add(request.getCode());
        if (app.crashesOnLoad()) {
            throw die();
        }
        if (instances.containsKey(request.getInstanceId())) {
            throw Status.ALREADY_EXISTS.asRuntimeException();
        }
        LoadInstanceResponse.Builder out = LoadInstanceResponse.newBuilder()
                .addLogs(log(request.getInstanceId(), "loading " + request.getCode()));
        if (app.setupError() != null) {
            return out.setError(AppError.newBuilder().setKind(app.setupErrorKind()).setMessage(app.setupError())).build();
        }
        instances.put(request.getInstanceId(), app);
        return out.setCapabilities(app.capabilities()).build();
    }

    @Override
    public UnloadInstanceResponse unloadInstance(UnloadInstanceRequest request, Duration deadline) {
        serve();
        FakeApp app = instances.remove(request.getInstanceId());
        if (app == null) {
            throw Status.NOT_FOUND.asRuntimeException();
        }
        UnloadInstanceResponse.Builder out = UnloadInstanceResponse.newBuilder();
        if (app.teardownMessage() != null) {
            out.addLogs(log(request.getInstanceId(), app.teardownMessage()));
        }
        return out.build();
    }

    @Override
    public ProcessBatchResponse processBatch(ProcessBatchRequest request, Duration deadline) {
        serve();
        if (fleet.takeOutsideKill()) {
            throw die();
        }
        ProcessBatchResponse.Builder out = ProcessBatchResponse.newBuilder();
        for (ByteString bytes : request.getEventsList()) {
            ObjectNode event = parse(bytes);
            fleet.processed.add(event.path("team_id").asText() + ":" + event.path("event").asText());
            EventResult.Builder result = EventResult.newBuilder();
            for (long id : request.getChainList()) {
                FakeApp app = instances.get(id);
                if (app == null) {
                    throw Status.NOT_FOUND.withDescription("no instance " + id).asRuntimeException();
                }
                if (request.getSkipInstancesList().contains(id)) {
                    result.addFailedInstances(id);
                    continue;
                }
                ObjectNode before = event.deepCopy();
                try {
                    event = app.processEvent(event);
                } catch (Crash e) {
                    throw die();
                } catch (RuntimeException e) {
                    result.addFailedInstances(id);
                    out.addLogs(log(id, e.getMessage()));
                    event = before;
                }
                serve();
                if (event == null) {
                    break;
                }
            }
            if (event == null) {
                out.addResults(result.setDropped(true));
            } else {
                out.addResults(result.setEvent(ByteString.copyFromUtf8(event.toString())));
            }
        }
        return out.build();
    }

    @Override
    public OnEventsResponse onEvents(OnEventsRequest request, Duration deadline) {
        serve();
        for (long id : request.getInstanceIdsList()) {
            call(id, "onEvent", request.getEventsList());
        }
        return OnEventsResponse.newBuilder().setInvocations(request.getEventsCount()).build();
    }

    @Override
    public InvocationResponse exportEvents(ExportEventsRequest request, Duration deadline) {
        return call(request.getInstanceId(), "exportEvents", request.getEventsList());
    }

    @Override
    public InvocationResponse runTask(RunTaskRequest request, Duration deadline) {
        return call(request.getInstanceId(), request.getTask(), List.of());
    }

    @Override
    public InvocationResponse runJob(RunJobRequest request, Duration deadline) {
        return call(request.getInstanceId(), request.getJob(), List.of(request.getPayloadJson()));
    }

    /** Runs an app's call, recorded in the fleet's {@code calls} as {@code "<instance>:<name>:<events>"}. */
    private InvocationResponse call(long instanceId, String name, List<ByteString> events) {
        serve();
        FakeApp app = instances.get(instanceId);
        if (app == null) {
            throw Status.NOT_FOUND.withDescription("no instance " + instanceId).asRuntimeException();
        }
        List<String> texts = events.stream().map(ByteString::toStringUtf8).toList();
        fleet.calls.add(instanceId + ":" + name + ":" + texts.size());
        try {
            return InvocationResponse.newBuilder().setOutcome(app.call(name, texts)).build();
        } catch (Crash e) {
            throw die();
        }
    }

    @Override
    public HealthResponse health(Duration deadline) {
        if (hung) {
            throw Status.DEADLINE_EXCEEDED.asRuntimeException();
        }
        serve();
        return HealthResponse.newBuilder().setPid(pid).setInstances(instances.size()).setSeccomp(fleet.seccomp).build();
    }

    @Override
    public CompletableFuture<Void> onExit() {
        return exit;
    }

    @Override
    public void kill() {
        die();
    }

    @Override
    public void close() {
        die();
    }

    @Override
    public String toString() {
        return "fake worker " + pid;
    }

    /** Fails the call when the worker is gone; while it hangs, waits until it is gone. */
    private void serve() {
        if (hung) {
            fleet.callsOnHungWorkers.incrementAndGet();
            exit.join();
        }
        if (!alive()) {
            throw Status.UNAVAILABLE.withDescription("the worker is gone").asRuntimeException();
        }
    }

    private StatusRuntimeException die() {
        if (!exit.isDone()) {
            endedNanos = System.nanoTime();
        }
        exit.complete(null);
        return Status.UNAVAILABLE.withDescription("the worker crashed").asRuntimeException();
    }

    private static LogEntry log(long instanceId, String message) {
        return LogEntry.newBuilder().setInstanceId(instanceId).setType("LOG").setSource("CONSOLE").setMessage(message).build();
    }

    private static ObjectNode parse(ByteString bytes) {
        try {
            return (ObjectNode) JSON.readTree(bytes.toStringUtf8());
        } catch (JsonProcessingException e) {
            throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
    }
}
