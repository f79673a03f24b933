package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import dev.appserver.orchestrator.hostservices.InstanceBinding;
import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import dev.appserver.orchestrator.store.ConfigAttachment;
import dev.appserver.proto.v1.AppAttachment;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.ExportEventsRequest;
import dev.appserver.proto.v1.InvocationResponse;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.OnEventsRequest;
import dev.appserver.proto.v1.OnEventsResponse;
import dev.appserver.proto.v1.ProcessBatchResponse;
import dev.appserver.proto.v1.RunJobRequest;
import dev.appserver.proto.v1.RunTaskRequest;
import dev.appserver.proto.v1.UnloadInstanceRequest;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started worker of a {@link WorkerSlot} and the instances loaded in it: each instance is
 * loaded on first use ({@code LoadInstance}) under an instance id unique within this worker, and
 * bound in the worker's {@link InstanceDirectory} (which its host-call handler reads) for as long
 * as it is loaded. A replacement worker is a new {@code PooledWorker} that starts empty.
 *
 * <p>An app config's {@code processEvent} chain and its other calls ({@link AppCall}) run on two
 * instances of their own, so neither waits for the other inside the worker.
 *
 * <p>Thread-safe. The pool never loads or unloads the same instance from two threads at once:
 * an app config belongs to one tenant, a tenant's batches run serially, and so do an app
 * config's calls.
 */
final class PooledWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PooledWorker.class);

    private final Worker worker;
    private final InstanceDirectory directory;
    private final InstanceReports reports;
    private final SetupRetries retries;
    private final Duration callTimeout;
    private final Map<InstanceSpec.Key, Loaded> byKey = new ConcurrentHashMap<>();
    /** The instances that serve {@link #call}s. */
    private final Map<InstanceSpec.Key, Loaded> callInstances = new ConcurrentHashMap<>();
    private final AtomicLong nextInstanceId = new AtomicLong();

    PooledWorker(Worker worker, InstanceDirectory directory, InstanceReports reports, SetupRetries retries,
            Duration callTimeout) {
        this.worker = requireNonNull(worker, "worker is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.retries = requireNonNull(retries, "retries is null");
        this.callTimeout = requireNonNull(callTimeout, "callTimeout is null");
    }

    Worker worker() {
        return worker;
    }

    int instances() {
        return byKey.size() + callInstances.size();
    }

    /**
     * Loads what {@code chain} needs and is not loaded yet (unless its last load failed too
     * recently, or it is in {@code doNotLoad}) and says how this worker will run it.
     *
     * @throws InstanceLoadException when a {@code LoadInstance} call fails (the worker may be gone)
     */
    PreparedChain prepare(List<InstanceSpec> chain, Set<InstanceSpec.Key> doNotLoad) {
        List<Long> configIds = new ArrayList<>();
        List<Long> instanceIds = new ArrayList<>();
        Map<Long, Long> configIdByInstance = new HashMap<>();
        Set<Long> excluded = new HashSet<>();
        List<Long> processEvent = new ArrayList<>();
        for (InstanceSpec spec : chain) {
            configIds.add(spec.configId());
            Loaded loaded = byKey.get(spec.key());
            if (loaded == null && retries.mayLoad(spec.key()) && !doNotLoad.contains(spec.key())) {
                loaded = load(spec, byKey);
            }
            if (loaded == null) {
                excluded.add(spec.configId());
                continue;
            }
            instanceIds.add(loaded.instanceId());
            configIdByInstance.put(loaded.instanceId(), spec.configId());
            if (loaded.capabilities().getProcessEvent()) {
                processEvent.add(spec.configId());
            }
        }
        return new PreparedChain(configIds, instanceIds, configIdByInstance, excluded, processEvent);
    }

    /**
     * Runs {@code request} and hands its log entries to the listener.
     *
     * @throws StatusRuntimeException when the call fails
     */
    ProcessBatchResponse processBatch(ProcessBatchRequest request) {
        ProcessBatchResponse response = worker.processBatch(request, callTimeout);
        reports.logs(response.getLogsList());
        return response;
    }

    /**
     * Runs {@code call} on {@code spec}'s call instance, loading it first if needed, and hands its
     * log entries to the listener.
     *
     * @throws InstanceLoadException when a {@code LoadInstance} call fails (the worker may be gone)
     * @throws StatusRuntimeException when the call fails
     */
    CallOutcome call(InstanceSpec spec, AppCall call) {
        Loaded loaded = callInstances.get(spec.key());
        if (loaded == null) {
            if (!retries.mayLoad(spec.key())) {
                return CallOutcome.of(CallOutcome.Status.NOT_LOADED, "the app is not loaded: its setup failed");
            }
            loaded = load(spec, callInstances);
            if (loaded == null) {
                return CallOutcome.of(CallOutcome.Status.NOT_LOADED, "the app could not be loaded: its setup failed");
            }
        }
        if (!call.exportedBy(loaded.capabilities())) {
            if (!AppCall.anyExportedBy(loaded.capabilities())) {
                // Loaded only to learn what the app exports (the scheduler asks apps no worker has
                // loaded yet); now that it is known, no call will come for this instance.
                unload(loaded);
            }
            return CallOutcome.of(CallOutcome.Status.NOT_EXPORTED, "the app does not export " + call.describe());
        }
        long id = loaded.instanceId();
        return switch (call) {
            case AppCall.OnEvents onEvents -> {
                OnEventsResponse response = worker.onEvents(OnEventsRequest.newBuilder().addInstanceIds(id)
                        .addAllEvents(onEvents.events().stream().map(ByteString::copyFrom).toList()).build(), callTimeout);
                reports.logs(response.getLogsList());
                yield CallOutcome.succeeded(response.getFailures());
            }
            case AppCall.ExportEvents export -> outcome(worker.exportEvents(ExportEventsRequest.newBuilder()
                    .setInstanceId(id).addAllEvents(export.events().stream().map(ByteString::copyFrom).toList())
                    .setBatchId(export.batchId()).setAttempt(export.attempt()).build(), callTimeout));
            case AppCall.RunTask task -> outcome(worker.runTask(
                    RunTaskRequest.newBuilder().setInstanceId(id).setTask(task.task()).build(), callTimeout));
            case AppCall.RunJob job -> outcome(worker.runJob(RunJobRequest.newBuilder().setInstanceId(id)
                    .setJob(job.job()).setPayloadJson(ByteString.copyFromUtf8(job.payloadJson())).build(), callTimeout));
        };
    }

    private CallOutcome outcome(InvocationResponse response) {
        reports.logs(response.getLogsList());
        String error = response.hasError() ? response.getError().getMessage() : "";
        return switch (response.getOutcome()) {
            case SUCCEEDED -> CallOutcome.succeeded(0);
            case RETRY -> CallOutcome.of(CallOutcome.Status.RETRY, error);
            case FAILED, OUTCOME_UNSPECIFIED, UNRECOGNIZED -> CallOutcome.of(CallOutcome.Status.FAILED, error);
        };
    }

    private Loaded load(InstanceSpec spec, Map<InstanceSpec.Key, Loaded> into) {
        long instanceId = nextInstanceId.incrementAndGet();
        reports.remember(instanceId, spec);
        // Bound before the load: setupPlugin may already make host calls.
        directory.bind(instanceId, new InstanceBinding(spec.appId(), spec.configId(), spec.teamId(), spec.appName()));
        LoadInstanceResponse response;
        try {
            response = worker.loadInstance(request(instanceId, spec), callTimeout);
        } catch (StatusRuntimeException e) {
            directory.unbind(instanceId);
            reports.forget(instanceId);
            throw new InstanceLoadException(spec, e);
        }
        reports.logs(response.getLogsList());
        if (response.hasError()) {
            directory.unbind(instanceId);
            reports.forget(instanceId);
            SetupStatus status = retries.failed(spec.key(), response.getError());
            reports.loadFailed(spec, response.getError());
            reports.logs(spec, List.of(SetupRetries.systemEntry(status.state() == SetupStatus.State.RETRYING ? "WARN" : "ERROR",
                    retries.message(status))));
            return null;
        }
        Loaded loaded = new Loaded(instanceId, spec, response.getCapabilities(), into == callInstances);
        into.put(spec.key(), loaded);
        retries.loaded(spec.key());
        reports.loaded(spec, response.getCapabilities());
        return loaded;
    }

    /**
     * Unloads ({@code teardownPlugin}) the loaded versions of {@code configId} other than
     * {@code keepVersion}; {@code Long.MIN_VALUE} unloads every version.
     *
     * @throws StatusRuntimeException when an {@code UnloadInstance} call fails
     */
    void unload(long configId, long keepVersion) {
        unload(byKey, configId, keepVersion);
    }

    /** Like {@link #unload(long, long)}, for the instances that serve {@link #call}s. */
    void unloadCallInstances(long configId, long keepVersion) {
        unload(callInstances, configId, keepVersion);
    }

    private void unload(Map<InstanceSpec.Key, Loaded> instances, long configId, long keepVersion) {
        for (Loaded loaded : List.copyOf(instances.values())) {
            InstanceSpec.Key key = loaded.spec().key();
            if (key.configId() == configId && (keepVersion == Long.MIN_VALUE || key.version() != keepVersion)) {
                unload(loaded);
            }
        }
    }

    /** Tears every instance down ({@link #unloadAll}) and stops the worker, which stops even when that fails. */
    void stop() {
        try {
            unloadAll();
        } catch (StatusRuntimeException e) {
            LOG.warn("{} could not tear its instances down: {}", this, e.getStatus());
        }
        worker.close();
    }

    /** Unloads every instance; @throws StatusRuntimeException when an {@code UnloadInstance} call fails */
    void unloadAll() {
        for (Loaded loaded : List.copyOf(byKey.values())) {
            unload(loaded);
        }
        for (Loaded loaded : List.copyOf(callInstances.values())) {
            unload(loaded);
        }
    }

    private void unload(Loaded loaded) {
        // Forgotten first: whatever the call's fate, the instance is no longer usable.
        (loaded.forCalls() ? callInstances : byKey).remove(loaded.spec().key());
        try {
            UnloadInstanceRequest request = UnloadInstanceRequest.newBuilder().setInstanceId(loaded.instanceId()).build();
            reports.logs(worker.unloadInstance(request, callTimeout).getLogsList());
        } finally {
            directory.unbind(loaded.instanceId());
            reports.forget(loaded.instanceId());
        }
    }

    private static LoadInstanceRequest request(long instanceId, InstanceSpec spec) {
        LoadInstanceRequest.Builder request = LoadInstanceRequest.newBuilder()
                .setInstanceId(instanceId)
                .setConfigId(spec.configId())
                .setTeamId(spec.teamId())
                .setAppName(spec.appName())
                .setFileName(spec.fileName())
                .setCode(spec.code())
                .setCodeHash(spec.codeHash())
                .setConfigJson(ByteString.copyFromUtf8(spec.configJson()))
                .setTimeoutMillis(spec.timeoutMillis());
        spec.attachments().forEach((key, a) -> request.addAttachments(attachment(key, a)));
        return request.build();
    }

    private static AppAttachment attachment(String key, ConfigAttachment a) {
        return AppAttachment.newBuilder().setKey(key).setContentType(a.contentType()).setFileName(a.fileName())
                .setContents(ByteString.copyFrom(a.contents())).build();
    }

    @Override
    public String toString() {
        return worker.toString();
    }

    /** A loaded instance; {@code forCalls} when it serves {@link #call}s rather than the chain. */
    private record Loaded(long instanceId, InstanceSpec spec, Capabilities capabilities, boolean forCalls) {}
}
