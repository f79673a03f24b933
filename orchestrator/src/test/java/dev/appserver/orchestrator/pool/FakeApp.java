package dev.appserver.orchestrator.pool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link FakeWorker} does for an app: a Java stand-in for its JavaScript, chosen by the
 * app's code string. Hostile ones are named for what they do.
 */
interface FakeApp {
    /** The event after this app, or null to drop it; throws to fail on it. */
    ObjectNode processEvent(ObjectNode event);

    /** The message of its failed setupPlugin, or null when it loads. */
    default String setupError() {
        return null;
    }

    /** The kind of its setup failure: {@code setup}, or {@code retry} for a RetryError. */
    default String setupErrorKind() {
        return "setup";
    }

    /** Whether loading it takes the whole worker down. */
    default boolean crashesOnLoad() {
        return false;
    }

    /**
     * Its {@code exportEvents}, {@code runEveryMinute} and jobs, which a fake worker runs for any
     * call other than onEvent: the call's name and events (JSON) in, an outcome out.
     */
    default dev.appserver.proto.v1.InvocationResponse.Outcome call(String name, java.util.List<String> events) {
        return dev.appserver.proto.v1.InvocationResponse.Outcome.SUCCEEDED;
    }

    /** Passes events through; its other calls end as {@code outcome} says for the call's name. */
    static FakeApp calling(java.util.function.Function<String, dev.appserver.proto.v1.InvocationResponse.Outcome> outcome) {
        return new FakeApp() {
            @Override
            public ObjectNode processEvent(ObjectNode event) {
                return event;
            }

            @Override
            public dev.appserver.proto.v1.InvocationResponse.Outcome call(String name, java.util.List<String> events) {
                return outcome.apply(name);
            }
        };
    }

    /** What it exports: by default everything a fake worker can run. */
    default dev.appserver.proto.v1.Capabilities capabilities() {
        return dev.appserver.proto.v1.Capabilities.newBuilder().setProcessEvent(true).setOnEvent(true).setExportEvents(true)
                .addTasks("runEveryMinute").addJobs("sync").build();
    }

    /** Exports {@code processEvent} only, which passes events through. */
    static FakeApp processingOnly() {
        return new FakeApp() {
            @Override
            public ObjectNode processEvent(ObjectNode event) {
                return event;
            }

            @Override
            public dev.appserver.proto.v1.Capabilities capabilities() {
                return dev.appserver.proto.v1.Capabilities.newBuilder().setProcessEvent(true).build();
            }
        };
    }

    /** What its teardownPlugin logs, or null. */
    default String teardownMessage() {
        return null;
    }

    /** Sets {@code properties[key] = value}. */
    static FakeApp setting(String key, int value) {
        return event -> {
            ((ObjectNode) event.get("properties")).put(key, value);
            return event;
        };
    }

    /** Takes the worker down (like an out-of-memory exit) on events named {@code name}; sets {@code survived} on others. */
    static FakeApp crashingOn(String name) {
        return event -> {
            if (event.path("event").asText().equals(name)) {
                throw new FakeWorker.Crash();
            }
            ((ObjectNode) event.get("properties")).put("survived", true);
            return event;
        };
    }

    static FakeApp throwingOn(String name) {
        return event -> {
            if (event.path("event").asText().equals(name)) {
                throw new IllegalStateException("threw on " + name);
            }
            return event;
        };
    }

    /** Waits for {@code gate} before each event. */
    static FakeApp waitingFor(CountDownLatch gate) {
        return event -> {
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return event;
        };
    }

    /** Waits for {@code gate} before each event, counting in {@code running} the events it waits on and in {@code peak} their most. */
    static FakeApp countingWhileWaiting(CountDownLatch gate, java.util.concurrent.atomic.AtomicInteger running,
            java.util.concurrent.atomic.AtomicInteger peak) {
        FakeApp waiting = waitingFor(gate);
        return event -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return waiting.processEvent(event);
            } finally {
                running.decrementAndGet();
            }
        };
    }

    static FakeApp failingSetup(String message) {
        return new FakeApp() {
            @Override
            public ObjectNode processEvent(ObjectNode event) {
                return event;
            }

            @Override
            public String setupError() {
                return message;
            }
        };
    }

    /** Its setupPlugin throws a RetryError while {@code failing} says so. */
    static FakeApp retryingSetup(String message, java.util.function.BooleanSupplier failing) {
        return new FakeApp() {
            @Override
            public ObjectNode processEvent(ObjectNode event) {
                return event;
            }

            @Override
            public String setupError() {
                return failing.getAsBoolean() ? message : null;
            }

            @Override
            public String setupErrorKind() {
                return "retry";
            }
        };
    }

    static FakeApp crashingOnLoad() {
        return new FakeApp() {
            @Override
            public ObjectNode processEvent(ObjectNode event) {
                return event;
            }

            @Override
            public boolean crashesOnLoad() {
                return true;
            }
        };
    }

    static FakeApp tearingDown(String message) {
        return new FakeApp() {
            @Override
            public ObjectNode processEvent(ObjectNode event) {
                return event;
            }

            @Override
            public String teardownMessage() {
                return message;
            }
        };
    }
}
