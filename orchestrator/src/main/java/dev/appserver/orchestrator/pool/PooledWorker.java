package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import dev.appserver.orchestrator.hostservices.InstanceBinding;
import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import dev.appserver.orchestrator.store.ConfigAttachment;
import dev.appserver.proto.v1.AppAttachment;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
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
 * <p>Thread-safe. The pool never loads or unloads the same app config from two threads at once:
 * an app config belongs to one tenant, and a tenant's work runs serially.
 */
final class PooledWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PooledWorker.class);

    private final Worker worker;
    private final InstanceDirectory directory;
    private final InstanceReports reports;
    private final SetupRetries retries;
    private final Duration callTimeout;
    private final Map<InstanceSpec.Key, Loaded> byKey = new ConcurrentHashMap<>();
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
        return byKey.size();
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
                loaded = load(spec);
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

    private Loaded load(InstanceSpec spec) {
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
        Loaded loaded = new Loaded(instanceId, spec, response.getCapabilities());
        byKey.put(spec.key(), loaded);
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
        for (Loaded loaded : List.copyOf(byKey.values())) {
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
    }

    private void unload(Loaded loaded) {
        // Forgotten first: whatever the call's fate, the instance is no longer usable.
        byKey.remove(loaded.spec().key());
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

    private record Loaded(long instanceId, InstanceSpec spec, Capabilities capabilities) {}
}
