package dev.appserver.orchestrator.runapp;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import dev.appserver.orchestrator.exports.ExportBuffer;
import dev.appserver.orchestrator.exports.ExportSettings;
import dev.appserver.orchestrator.pool.WorkerStartException;
import dev.appserver.proto.v1.EventResult;
import dev.appserver.proto.v1.ExportEventsRequest;
import dev.appserver.proto.v1.InvocationResponse;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.OnEventsRequest;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
import dev.appserver.proto.v1.RunJobRequest;
import dev.appserver.proto.v1.RunTaskRequest;
import dev.appserver.proto.v1.UnloadInstanceRequest;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One run of {@code run-app} after its inputs are read: the phases DESIGN.md orders (load and
 * setup, the processEvent chain, onEvent and export buffers, tasks, jobs, teardown) against one
 * replaceable sandbox worker.
 *
 * <p>A worker that dies on a batch is replaced and the batch re-run one event at a time; an event
 * that kills a fresh worker again is evidence against an app: each app is then tried alone on
 * that event, the one that kills the worker is recorded as failed for it, and the event goes
 * through the rest of the chain.
 */
final class RunAppSession {
    static final int BATCH_EVENTS = 500;
    static final int MAX_EXPORT_RETRIES = 3;
    static final int MAX_JOBS = 100_000;

    private final HarnessWorker worker;
    private final List<HarnessApp> apps;
    private final RunLog log;
    private final Clock clock;
    private final long timeoutMillis;
    private final Deque<QueuedJob> jobs;
    private final List<ExportBuffer<String>> exportBuffers = new ArrayList<>();

    RunAppSession(HarnessWorker worker, List<HarnessApp> apps, RunLog log, Clock clock, long timeoutMillis,
            Deque<QueuedJob> jobs) {
        this.worker = requireNonNull(worker, "worker is null");
        this.apps = List.copyOf(apps);
        this.log = requireNonNull(log, "log is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeoutMillis = timeoutMillis;
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    /** A job waiting to run: an app's own, or a retry of an export batch. */
    record QueuedJob(long configId, String name, String payloadJson, List<String> exportBatch, int attempt) {}

    /** Loads every app (setupPlugin included). @throws UsageException naming the app that failed */
    void load() throws UsageException {
        for (HarnessApp app : apps) {
            LoadInstanceResponse response = worker.load(app.loadRequest(timeoutMillis));
            log.add(response.getLogsList());
            if (response.hasError()) {
                throw new UsageException(app.name() + ": " + response.getError().getMessage());
            }
            app.capabilities(response.getCapabilities());
            if (app.capabilities().getExportEvents()) {
                ExportSettings settings = ExportSettings.fromConfig(app.config());
                exportBuffers.add(app.exportBuffer(new ExportBuffer<String>(settings, clock, batch -> export(app, batch, 0))));
            }
        }
    }

    /** The processEvent chain: one result (JSON, or null when dropped) per input event. */
    List<String> process(List<String> events) throws WorkerStartException {
        List<String> out = new ArrayList<>(events.size());
        for (int from = 0; from < events.size(); from += BATCH_EVENTS) {
            List<String> batch = events.subList(from, Math.min(events.size(), from + BATCH_EVENTS));
            out.addAll(processBatch(batch));
        }
        return out;
    }

    private List<String> processBatch(List<String> batch) throws WorkerStartException {
        try {
            return results(runChain(batch, Set.of()));
        } catch (StatusRuntimeException e) {
            if (!worker.isDeath(e)) {
                throw e;
            }
            log.add(0, "WARN", "SYSTEM", "the worker died while processing a batch (" + e.getStatus().getCode()
                    + "); replacing it and processing those " + batch.size() + " events one at a time");
            restart();
            List<String> out = new ArrayList<>(batch.size());
            for (String event : batch) {
                out.add(processAlone(event));
            }
            return out;
        }
    }

    private String processAlone(String event) throws WorkerStartException {
        try {
            return results(runChain(List.of(event), Set.of())).get(0);
        } catch (StatusRuntimeException e) {
            if (!worker.isDeath(e)) {
                throw e;
            }
            restart();
        }
        // The worker died twice on this event: find the app that kills it.
        Set<Long> culprits = new HashSet<>();
        for (HarnessApp suspect : apps) {
            if (!suspect.capabilities().getProcessEvent()) {
                continue;
            }
            Set<Long> others = new HashSet<>();
            apps.forEach(a -> others.add(a.configId()));
            others.remove(suspect.configId());
            try {
                runChain(List.of(event), others);
            } catch (StatusRuntimeException e) {
                if (!worker.isDeath(e)) {
                    throw e;
                }
                culprits.add(suspect.configId());
                log.add(suspect.configId(), "ERROR", "PLUGIN",
                        "the worker crashed (out of memory or killed) while this app processed an event; the app is "
                                + "recorded as failed for that event");
                restart();
            }
        }
        try {
            return results(runChain(List.of(event), culprits)).get(0);
        } catch (StatusRuntimeException e) {
            if (!worker.isDeath(e)) {
                throw e;
            }
            restart();
            Set<Long> all = new HashSet<>();
            apps.forEach(a -> all.add(a.configId()));
            return results(runChain(List.of(event), all)).get(0);
        }
    }

    private ProcessBatchResponse runChain(List<String> events, Set<Long> skip) {
        ProcessBatchRequest.Builder request = ProcessBatchRequest.newBuilder().addAllSkipInstances(skip);
        apps.forEach(a -> request.addChain(a.configId()));
        events.forEach(e -> request.addEvents(ByteString.copyFromUtf8(e)));
        ProcessBatchResponse response = worker.stub(deadline(events.size() * apps.size())).processBatch(request.build());
        log.add(response.getLogsList());
        return response;
    }

    private static List<String> results(ProcessBatchResponse response) {
        List<String> out = new ArrayList<>(response.getResultsCount());
        for (EventResult r : response.getResultsList()) {
            out.add(r.getDropped() ? null : r.getEvent().toStringUtf8());
        }
        return out;
    }

    /** onEvent for each surviving event, and the export buffers. */
    void deliver(List<String> survivors, List<String> names) {
        List<Long> listeners = new ArrayList<>();
        apps.stream().filter(a -> a.capabilities().getOnEvent()).forEach(a -> listeners.add(a.configId()));
        for (int from = 0; from < survivors.size(); from += BATCH_EVENTS) {
            int to = Math.min(survivors.size(), from + BATCH_EVENTS);
            if (!listeners.isEmpty()) {
                OnEventsRequest.Builder request = OnEventsRequest.newBuilder().addAllInstanceIds(listeners);
                survivors.subList(from, to).forEach(e -> request.addEvents(ByteString.copyFromUtf8(e)));
                log.add(worker.stub(deadline((to - from) * listeners.size())).onEvents(request.build()).getLogsList());
            }
            for (HarnessApp app : apps) {
                if (app.exportBuffer() != null) {
                    for (int i = from; i < to; i++) {
                        app.exportBuffer().add(names.get(i), survivors.get(i), survivors.get(i).length());
                    }
                }
            }
        }
    }

    private void export(HarnessApp app, List<String> batch, int attempt) {
        ExportEventsRequest.Builder request = ExportEventsRequest.newBuilder().setInstanceId(app.configId());
        batch.forEach(e -> request.addEvents(ByteString.copyFromUtf8(e)));
        InvocationResponse response = worker.stub(deadline(1)).exportEvents(request.build());
        log.add(response.getLogsList());
        switch (response.getOutcome()) {
            case SUCCEEDED, OUTCOME_UNSPECIFIED, UNRECOGNIZED -> { }
            case RETRY -> {
                if (attempt < MAX_EXPORT_RETRIES) {
                    log.add(app.configId(), "WARN", "PLUGIN", "exportEvents: " + response.getError().getMessage()
                            + " (retry " + (attempt + 1) + " of " + MAX_EXPORT_RETRIES + " queued)");
                    jobs.add(new QueuedJob(app.configId(), null, null, batch, attempt + 1));
                } else {
                    log.add(app.configId(), "ERROR", "PLUGIN", "exportEvents: " + response.getError().getMessage()
                            + "; gave up after " + MAX_EXPORT_RETRIES + " retries, the batch of " + batch.size()
                            + " events would go to the export dead-letter queue");
                }
            }
            case FAILED -> log.add(app.configId(), "ERROR", "PLUGIN", response.getError().getMessage());
        }
    }

    /** Each {@code --run-task}, for every app that exports it, in app order. */
    void runTasks(List<String> tasks) {
        for (String task : tasks) {
            for (HarnessApp app : apps) {
                if (app.capabilities().getTasksList().contains(task)) {
                    RunTaskRequest request = RunTaskRequest.newBuilder().setInstanceId(app.configId()).setTask(task).build();
                    log.add(worker.stub(deadline(1)).runTask(request).getLogsList());
                }
            }
        }
    }

    /** Every job enqueued so far (and by those jobs), in enqueue order, ignoring delays. */
    void runJobs() {
        int ran = 0;
        while (!jobs.isEmpty()) {
            if (++ran > MAX_JOBS) {
                log.add(0, "ERROR", "SYSTEM", "more than " + MAX_JOBS + " jobs; the rest were not run");
                jobs.clear();
                return;
            }
            QueuedJob job = jobs.poll();
            HarnessApp app = apps.get((int) job.configId() - 1);
            if (job.exportBatch() != null) {
                export(app, job.exportBatch(), job.attempt());
                continue;
            }
            RunJobRequest request = RunJobRequest.newBuilder().setInstanceId(job.configId()).setJob(job.name())
                    .setPayloadJson(ByteString.copyFromUtf8(job.payloadJson())).build();
            log.add(worker.stub(deadline(1)).runJob(request).getLogsList());
        }
    }

    /** Flushes export buffers (and their retries), then runs teardownPlugin and unloads each app. */
    void teardown() {
        for (ExportBuffer<String> buffer : exportBuffers) {
            buffer.flush();
        }
        runJobs();
        for (HarnessApp app : apps) {
            log.add(worker.stub(deadline(1)).unloadInstance(
                    UnloadInstanceRequest.newBuilder().setInstanceId(app.configId()).build()).getLogsList());
            worker.forget(app.configId());
        }
    }

    private void restart() throws WorkerStartException {
        worker.restart(response -> log.add(response.getLogsList()));
    }

    /** A generous RPC deadline for {@code invocations} app invocations. */
    private long deadline(int invocations) {
        return timeoutMillis * (Math.max(1, invocations) + 1L) + 30_000;
    }

    static LoadInstanceRequest.Builder loadRequestBase() {
        return LoadInstanceRequest.newBuilder();
    }
}
