package dev.appserver.worker.runtime;

import dev.appserver.proto.v1.HostResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One app config loaded in this worker: its own GraalJS context with the runtime library,
 * bootstrap.js and the app's module evaluated in it.
 *
 * <p>Every invocation runs on the calling thread under the per-invocation time limit: JS that
 * runs too long is interrupted by the {@link Watchdog}; a promise that waits too long for host
 * results is abandoned by {@link #drive}. Host-service results arrive from the host channel
 * through {@link #deliver} and are handed to JS on the invoking thread, so the context is only
 * ever entered by the thread that holds this instance's lock.
 *
 * <p>What one instance can put out is bounded: an event it returns larger than
 * {@link ReturnedEventLimit} is that event's failure, and its console lines pass a
 * {@link LogRateLimit}, with one note per invocation for the lines dropped.
 *
 * <p>Thread-safe: invocations are serialized per instance.
 */
public final class AppInstance implements AutoCloseable {
    // Not the InstanceSpec: its code, config and attachments are only needed while loading, and an
    // idle instance should not keep a copy of its app's code (the engine's cached Source has one).
    private final long id;
    private final String displayName;
    private final String fileName;
    private final Context context;
    private final Watchdog watchdog;
    private final Watchdog.Deadline deadline;
    private final BlockingQueue<HostResult> mailbox = new LinkedBlockingQueue<>();
    private final long timeoutNanos;
    private final LogRateLimit logLimit;
    private final Value rt;
    private Exports exports = Exports.NONE;
    // The invocation in progress; only touched by the thread holding the lock.
    private Step step = new Step(0);
    private LogSink sink = LogSink.DISCARD;

    private AppInstance(InstanceSpec spec, JsEngine engine, Watchdog watchdog, HostCallSender sender) {
        this.id = spec.instanceId();
        this.displayName = spec.displayName();
        this.fileName = spec.fileName();
        this.watchdog = watchdog;
        this.timeoutNanos = spec.timeout().toNanos();
        this.context = engine.newContext();
        this.deadline = new Watchdog.Deadline(context);
        this.logLimit = new LogRateLimit(watchdog::now);
        Value library = RuntimeLibrary.install(context);
        HostBridge bridge = new HostBridge(this, sender);
        this.rt = context.eval(engine.bootstrap()).execute(bridge, library, instanceFacts(spec));
    }

    /**
     * Creates the context, evaluates the app's module and runs {@code setupPlugin}.
     *
     * @throws AppFailure when the code does not evaluate or setup fails; the context is closed
     */
    public static AppInstance load(
            InstanceSpec spec, JsEngine engine, Watchdog watchdog, HostCallSender sender, LogSink sink)
            throws AppFailure {
        AppInstance instance = new AppInstance(spec, engine, watchdog, sender);
        try {
            instance.initialize(spec, engine, sink);
            return instance;
        } catch (AppFailure | RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    private synchronized void initialize(InstanceSpec spec, JsEngine engine, LogSink logSink) throws AppFailure {
        this.sink = logSink;
        Value factory;
        try {
            factory = context.eval(engine.appSource(spec.codeHash(), spec.fileName(), spec.code()));
        } catch (PolyglotException e) {
            throw new AppFailure("load", ErrorTexts.describe(e, spec.fileName()));
        }
        Value[] loaded = new Value[1];
        step = new Step(0);
        Outcome outcome = drive(() -> {
            loaded[0] = rt.invokeMember("load", factory);
            step.finish("ok", null);
        });
        if (outcome.kind() != Outcome.Kind.DONE) {
            throw new AppFailure(outcome.kind() == Outcome.Kind.TIMED_OUT ? "timeout" : "load",
                    outcome.kind() == Outcome.Kind.TIMED_OUT ? timeoutMessage() : outcome.message());
        }
        exports = Exports.from(loaded[0]);
        if (exports.has("setupPlugin")) {
            Invocation setup = invoke("setupPlugin", "[]", logSink);
            switch (setup.status()) {
                case SUCCEEDED -> { }
                // PostHog retries a setupPlugin that threw a RetryError; the orchestrator decides when.
                case RETRY -> throw new AppFailure("retry", setup.message());
                case FAILED -> throw new AppFailure("setup", setup.message());
            }
        }
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Exports exports() {
        return exports;
    }

    /** Hands a host-service result to the invocation waiting for it. Any thread. */
    public void deliver(HostResult result) {
        mailbox.add(result);
    }

    /**
     * Runs {@code processEvent} or {@code onEvent} over the events, in order, one at a time.
     *
     * @return one {@link EventOutcome} per input
     */
    public List<EventOutcome> runBatch(String method, List<String> events, LogSink logSink) {
        return runBatch(method, events, null, logSink);
    }

    /**
     * Like {@link #runBatch(String, List, LogSink)}, given each event's {@code team_id} value as
     * {@link EventJson#teamValue} read it (a chain reads it once per event for all its apps), or
     * null to read it here.
     */
    synchronized List<EventOutcome> runBatch(String method, List<String> events, List<String> teamValues,
            LogSink logSink) {
        this.sink = logSink;
        int count = events.size();
        step = new Step(count);
        ProxyArray inputs = ProxyArray.fromList(new ArrayList<Object>(events));
        int start = 0;
        while (start < count) {
            int from = start;
            step.index = from;
            Outcome outcome = drive(() -> rt.invokeMember("runBatch", method, inputs, from, count));
            if (outcome.kind() == Outcome.Kind.DONE) {
                break;
            }
            // The event in flight timed out (or broke the plumbing): it fails, the rest go on.
            int index = step.index;
            rt.invokeMember("abandon");
            if (index >= count) {
                break; // every event has its outcome; only the batch's closing report was cut short
            }
            String reason = outcome.kind() == Outcome.Kind.TIMED_OUT ? timeoutMessage() : outcome.message();
            step.results[index] = EventOutcome.failed(reason);
            start = index + 1;
        }
        boolean transform = "processEvent".equals(method);
        List<EventOutcome> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EventOutcome r = step.results[i];
            if (r == null) {
                r = EventOutcome.failed("Error: the event was not processed");
            } else if (transform && r.status() == EventOutcome.Status.OK && r.json() != null) {
                String violation = teamValues == null ? EventJson.teamIdViolation(events.get(i), r.json())
                        : EventJson.teamIdViolationAgainst(teamValues.get(i), r.json());
                r = violation == null ? r : EventOutcome.failed(violation);
            }
            results.add(r);
        }
        reportDroppedLogs();
        return results;
    }

    /** Runs an exported function with JSON arguments (meta is appended). */
    public synchronized Invocation invoke(String export, String argsJson, LogSink logSink) {
        this.sink = logSink;
        return single(() -> rt.invokeMember("invokeExport", export, argsJson));
    }

    /**
     * Runs {@code exportEvents(events, meta, {batchId, attempt})}, without the third argument when
     * {@code batchId} is empty. @param argsJson {@code [events]}
     */
    public synchronized Invocation exportEvents(String argsJson, String batchId, int attempt, LogSink logSink) {
        this.sink = logSink;
        String batch = batchId.isEmpty() ? null
                : "[{\"batchId\":" + JsonStrings.quote(batchId) + ",\"attempt\":" + attempt + "}]";
        return single(() -> rt.invokeMember("invokeExport", "exportEvents", argsJson, batch));
    }

    /** Runs {@code jobs[name](payload, meta)}. */
    public synchronized Invocation runJob(String name, String payloadJson, LogSink logSink) {
        this.sink = logSink;
        return single(() -> rt.invokeMember("invokeJob", name, payloadJson));
    }

    private Invocation single(Runnable start) {
        step = new Step(0);
        Outcome outcome = drive(start);
        reportDroppedLogs();
        return switch (outcome.kind()) {
            case DONE -> Invocation.of(step.doneStatus, step.donePayload);
            case TIMED_OUT -> {
                rt.invokeMember("abandon");
                yield new Invocation(Invocation.Status.FAILED, timeoutMessage());
            }
            case BROKEN -> new Invocation(Invocation.Status.FAILED, outcome.message());
        };
    }

    /**
     * Enters JS with {@code start}, then feeds host results to JS until the step reports done or
     * its deadline passes.
     */
    private Outcome drive(Runnable start) {
        mailbox.clear();
        deadline.reset(watchdog.now() + timeoutNanos);
        Outcome outcome = enter(start);
        while (outcome.kind() == Outcome.Kind.DONE && !step.done) {
            long remaining = deadline.deadlineNanos() - watchdog.now();
            if (remaining <= 0) {
                return Outcome.TIMED_OUT;
            }
            HostResult result;
            try {
                result = mailbox.poll(remaining, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.broken("Error: the worker is shutting down");
            }
            if (result != null) {
                outcome = enter(() -> HostBridge.settle(rt, result));
            }
        }
        return outcome;
    }

    private Outcome enter(Runnable js) {
        watchdog.enter(deadline);
        try {
            js.run();
            return Outcome.DONE_OUTCOME;
        } catch (PolyglotException e) {
            if (e.isInterrupted() || e.isCancelled() || deadline.interrupted()) {
                return Outcome.TIMED_OUT;
            }
            return Outcome.broken(ErrorTexts.describe(e, fileName));
        } finally {
            watchdog.exit(deadline);
        }
    }

    String timeoutMessage() {
        return ErrorTexts.timeout(Duration.ofNanos(timeoutNanos));
    }

    // ---- called from JS through HostBridge, on the thread holding the lock ----

    /** Event {@code index}'s outcome; the next event starts now, under a time limit of its own. */
    void emit(int index, String status, String payload) {
        step.index = index + 1;
        deadline.reset(watchdog.now() + timeoutNanos);
        String tooLarge = "ok".equals(status) && payload != null ? ReturnedEventLimit.check(payload) : null;
        step.results[index] = tooLarge != null ? EventOutcome.failed(tooLarge) : switch (status) {
            case "ok" -> payload == null ? EventOutcome.OK_VOID : EventOutcome.ok(payload);
            case "dropped" -> EventOutcome.DROPPED;
            default -> EventOutcome.failed(payload);
        };
    }

    void done(String status, String payload) {
        step.finish(status, payload);
    }

    void log(String type, String message) {
        if (logLimit.tryAcquire()) {
            sink.log(id, type, "CONSOLE", message);
        }
    }

    /** Writes one note in place of the log lines {@link LogRateLimit} dropped during the invocation. */
    private void reportDroppedLogs() {
        long dropped = logLimit.takeDropped();
        if (dropped > 0) {
            sink.log(id, "WARN", "SYSTEM", LogRateLimit.droppedNote(dropped));
        }
    }

    private static ProxyObject instanceFacts(InstanceSpec spec) {
        List<Object> attachments = new ArrayList<>();
        for (InstanceSpec.Attachment a : spec.attachments()) {
            attachments.add(ProxyObject.fromMap(java.util.Map.of(
                    "key", a.key(),
                    "contentType", a.contentType(),
                    "fileName", a.fileName(),
                    "contents", new String(a.contents(), StandardCharsets.ISO_8859_1))));
        }
        return ProxyObject.fromMap(java.util.Map.of(
                "config", spec.configJson(),
                "fileName", spec.fileName(),
                "exportNames", ProxyArray.fromList(new ArrayList<Object>(RuntimeExports.NAMES)),
                "attachments", ProxyArray.fromList(attachments)));
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // Closing a context that is being interrupted can fail; the context is unusable either way.
        }
    }

    /** State of the invocation in progress. */
    private static final class Step {
        final EventOutcome[] results;
        int index;
        boolean done;
        String doneStatus;
        String donePayload;

        Step(int events) {
            this.results = new EventOutcome[events];
        }

        void finish(String status, String payload) {
            done = true;
            doneStatus = status;
            donePayload = payload;
        }
    }

    /** How driving JS ended. */
    private record Outcome(Kind kind, String message) {
        enum Kind {
            /** JS reported done (or returned without waiting for anything). */
            DONE,
            /** The deadline passed, in JS or while waiting for host results. */
            TIMED_OUT,
            /** An exception escaped the bootstrap's plumbing. */
            BROKEN
        }

        static final Outcome DONE_OUTCOME = new Outcome(Kind.DONE, null);
        static final Outcome TIMED_OUT = new Outcome(Kind.TIMED_OUT, null);

        static Outcome broken(String message) {
            return new Outcome(Kind.BROKEN, message);
        }
    }

    /** The exports an instance has, as discovered at load. */
    public record Exports(Set<String> methods, List<String> jobs) {
        static final Exports NONE = new Exports(Set.of(), List.of());

        public boolean has(String name) {
            return methods.contains(name);
        }

        static Exports from(Value loaded) {
            return new Exports(Set.copyOf(strings(loaded.getMember("methods"))), strings(loaded.getMember("jobs")));
        }

        private static List<String> strings(Value array) {
            List<String> out = new ArrayList<>();
            for (long i = 0; i < array.getArraySize(); i++) {
                out.add(array.getArrayElement(i).asString());
            }
            return List.copyOf(out);
        }
    }
}
