package dev.appserver.worker.rpc;

import static java.util.Objects.requireNonNull;

import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.EventResult;
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
import dev.appserver.worker.runtime.AppFailure;
import dev.appserver.worker.runtime.AppInstance;
import dev.appserver.worker.runtime.ChainRunner;
import dev.appserver.worker.runtime.EventOutcome;
import dev.appserver.worker.runtime.InstanceSpec;
import dev.appserver.worker.runtime.Invocation;
import dev.appserver.worker.runtime.JsEngine;
import dev.appserver.worker.runtime.Watchdog;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The worker's side of worker_service.proto. Thread-safe. */
final class WorkerRpcService extends WorkerServiceGrpc.WorkerServiceImplBase {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final JsEngine engine;
    private final Watchdog watchdog;
    private final HostChannelService hostChannel;
    private final Instances instances;
    private final ChainRunner chainRunner;
    private final Supplier<String> seccompStatus;

    WorkerRpcService(JsEngine engine, Watchdog watchdog, HostChannelService hostChannel, Instances instances,
            Supplier<String> seccompStatus) {
        this.engine = requireNonNull(engine, "engine is null");
        this.watchdog = requireNonNull(watchdog, "watchdog is null");
        this.hostChannel = requireNonNull(hostChannel, "hostChannel is null");
        this.instances = requireNonNull(instances, "instances is null");
        this.chainRunner = new ChainRunner(engine);
        this.seccompStatus = requireNonNull(seccompStatus, "seccompStatus is null");
    }

    @Override
    public void loadInstance(LoadInstanceRequest request, StreamObserver<LoadInstanceResponse> response) {
        respond(response, () -> {
            if (instances.contains(request.getInstanceId())) {
                throw Status.ALREADY_EXISTS.withDescription("instance " + request.getInstanceId() + " is loaded").asRuntimeException();
            }
            CollectingLogSink logs = new CollectingLogSink();
            LoadInstanceResponse.Builder out = LoadInstanceResponse.newBuilder();
            try {
                AppInstance instance = AppInstance.load(spec(request), engine, watchdog, hostChannel, logs);
                instances.add(instance);
                out.setCapabilities(capabilities(instance.exports()));
            } catch (AppFailure e) {
                out.setError(AppError.newBuilder().setKind(e.kind()).setMessage(e.getMessage()));
            }
            return out.addAllLogs(logs.entries()).build();
        });
    }

    @Override
    public void unloadInstance(UnloadInstanceRequest request, StreamObserver<UnloadInstanceResponse> response) {
        respond(response, () -> {
            AppInstance instance = instances.remove(request.getInstanceId());
            CollectingLogSink logs = new CollectingLogSink();
            try {
                if (instance.exports().has("teardownPlugin")) {
                    report(instance, instance.invoke("teardownPlugin", "[]", logs), logs);
                }
            } finally {
                hostChannel.forget(instance);
                instance.close();
            }
            return UnloadInstanceResponse.newBuilder().addAllLogs(logs.entries()).build();
        });
    }

    @Override
    public void processBatch(ProcessBatchRequest request, StreamObserver<ProcessBatchResponse> response) {
        respond(response, () -> {
            if (request.getChainCount() == 0) {
                throw Status.INVALID_ARGUMENT.withDescription("empty chain").asRuntimeException();
            }
            List<AppInstance> chain = new ArrayList<>(request.getChainCount());
            for (long id : request.getChainList()) {
                chain.add(instances.get(id));
            }
            CollectingLogSink logs = new CollectingLogSink();
            long cpuBefore = ThreadCpu.nanos();
            List<ChainRunner.ChainResult> results = chainRunner.run(
                    chain, java.util.Set.copyOf(request.getSkipInstancesList()), strings(request.getEventsList()), logs);
            ProcessBatchResponse.Builder out = ProcessBatchResponse.newBuilder()
                    .setCpuNanos(Math.max(0, ThreadCpu.nanos() - cpuBefore));
            for (ChainRunner.ChainResult r : results) {
                EventResult.Builder e = EventResult.newBuilder().addAllFailedInstances(r.failedInstances())
                        .addAllSucceededInstances(r.succeededInstances());
                if (r.json() == null) {
                    e.setDropped(true).setDroppedBy(r.droppedBy());
                } else {
                    e.setEvent(com.google.protobuf.ByteString.copyFromUtf8(r.json()));
                }
                out.addResults(e);
            }
            return out.addAllLogs(logs.entries()).build();
        });
    }

    @Override
    public void onEvents(OnEventsRequest request, StreamObserver<OnEventsResponse> response) {
        respond(response, () -> {
            List<String> events = strings(request.getEventsList());
            CollectingLogSink logs = new CollectingLogSink();
            int invocations = 0;
            int failures = 0;
            for (long id : request.getInstanceIdsList()) {
                AppInstance instance = instances.get(id);
                if (!instance.exports().has("onEvent")) {
                    continue;
                }
                for (EventOutcome o : instance.runBatch("onEvent", events, logs)) {
                    invocations++;
                    if (o.status() == EventOutcome.Status.FAILED) {
                        failures++;
                        logs.log(id, "ERROR", "PLUGIN", o.reason());
                    }
                }
            }
            return OnEventsResponse.newBuilder().setInvocations(invocations).setFailures(failures)
                    .addAllLogs(logs.entries()).build();
        });
    }

    @Override
    public void exportEvents(ExportEventsRequest request, StreamObserver<InvocationResponse> response) {
        respond(response, () -> {
            AppInstance instance = instances.get(request.getInstanceId());
            if (!instance.exports().has("exportEvents")) {
                throw Status.NOT_FOUND.withDescription("instance does not export exportEvents").asRuntimeException();
            }
            StringBuilder args = new StringBuilder("[[");
            List<String> events = strings(request.getEventsList());
            for (int i = 0; i < events.size(); i++) {
                args.append(i == 0 ? "" : ",").append(events.get(i));
            }
            CollectingLogSink logs = new CollectingLogSink();
            Invocation result = instance.exportEvents(args.append("]]").toString(), request.getBatchId(), request.getAttempt(),
                    logs);
            return invocationResponse(result, logs);
        });
    }

    @Override
    public void runTask(RunTaskRequest request, StreamObserver<InvocationResponse> response) {
        respond(response, () -> {
            AppInstance instance = instances.get(request.getInstanceId());
            if (!instance.exports().has(request.getTask())) {
                throw Status.NOT_FOUND.withDescription("instance does not export " + request.getTask()).asRuntimeException();
            }
            CollectingLogSink logs = new CollectingLogSink();
            Invocation result = instance.invoke(request.getTask(), "[]", logs);
            report(instance, result, logs);
            return invocationResponse(result, logs);
        });
    }

    @Override
    public void runJob(RunJobRequest request, StreamObserver<InvocationResponse> response) {
        respond(response, () -> {
            AppInstance instance = instances.get(request.getInstanceId());
            CollectingLogSink logs = new CollectingLogSink();
            String payload = request.getPayloadJson().isEmpty() ? "{}" : request.getPayloadJson().toStringUtf8();
            Invocation result = instance.runJob(request.getJob(), payload, logs);
            report(instance, result, logs);
            return invocationResponse(result, logs);
        });
    }

    @Override
    public void health(HealthRequest request, StreamObserver<HealthResponse> response) {
        respond(response, () -> {
            Runtime runtime = Runtime.getRuntime();
            return HealthResponse.newBuilder()
                    .setInstances(instances.size())
                    .setHeapUsedBytes(runtime.totalMemory() - runtime.freeMemory())
                    .setHeapMaxBytes(runtime.maxMemory())
                    .setJsRuntime(engine.runtimeName())
                    .setOptimizingRuntime(engine.isOptimizing())
                    .setPid(ProcessHandle.current().pid())
                    .setSeccomp(seccompStatus.get())
                    .build();
        });
    }

    private static void report(AppInstance instance, Invocation result, CollectingLogSink logs) {
        if (result.status() == Invocation.Status.FAILED) {
            logs.log(instance.id(), "ERROR", "PLUGIN", result.message());
        }
    }

    private static InvocationResponse invocationResponse(Invocation result, CollectingLogSink logs) {
        InvocationResponse.Builder out = InvocationResponse.newBuilder().addAllLogs(logs.entries());
        switch (result.status()) {
            case SUCCEEDED -> out.setOutcome(InvocationResponse.Outcome.SUCCEEDED);
            case RETRY -> out.setOutcome(InvocationResponse.Outcome.RETRY)
                    .setError(AppError.newBuilder().setKind("retry").setMessage(result.message()));
            case FAILED -> out.setOutcome(InvocationResponse.Outcome.FAILED)
                    .setError(AppError.newBuilder().setKind("throw").setMessage(result.message()));
        }
        return out.build();
    }

    private static InstanceSpec spec(LoadInstanceRequest r) {
        List<InstanceSpec.Attachment> attachments = new ArrayList<>();
        r.getAttachmentsList().forEach(a -> attachments.add(
                new InstanceSpec.Attachment(a.getKey(), a.getContentType(), a.getFileName(), a.getContents().toByteArray())));
        Duration timeout = r.getTimeoutMillis() > 0 ? Duration.ofMillis(r.getTimeoutMillis()) : DEFAULT_TIMEOUT;
        String config = r.getConfigJson().isEmpty() ? "{}" : r.getConfigJson().toStringUtf8();
        return new InstanceSpec(r.getInstanceId(), r.getAppName() + " (" + r.getConfigId() + ")",
                r.getFileName().isEmpty() ? "index.js" : r.getFileName(), r.getCode(), r.getCodeHash(), config, attachments, timeout);
    }

    private static Capabilities capabilities(AppInstance.Exports exports) {
        Capabilities.Builder c = Capabilities.newBuilder()
                .setProcessEvent(exports.has("processEvent"))
                .setOnEvent(exports.has("onEvent"))
                .setExportEvents(exports.has("exportEvents"))
                .setComposeWebhook(exports.has("composeWebhook"))
                .setSetupPlugin(exports.has("setupPlugin"))
                .setTeardownPlugin(exports.has("teardownPlugin"))
                .addAllJobs(exports.jobs());
        for (String task : List.of("runEveryMinute", "runEveryHour", "runEveryDay")) {
            if (exports.has(task)) {
                c.addTasks(task);
            }
        }
        return c.build();
    }

    private static List<String> strings(List<com.google.protobuf.ByteString> events) {
        List<String> out = new ArrayList<>(events.size());
        for (com.google.protobuf.ByteString e : events) {
            out.add(e.toString(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static <T> void respond(StreamObserver<T> response, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        } catch (OutOfMemoryError e) {
            response.onError(Status.RESOURCE_EXHAUSTED.withDescription("worker out of memory").asRuntimeException());
            throw e;
        } catch (RuntimeException e) {
            response.onError(Status.INTERNAL.withDescription(String.valueOf(e.getMessage())).withCause(e).asRuntimeException());
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }
}
