package dev.appserver.orchestrator.pool;

import dev.appserver.orchestrator.hostservices.HostCallHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Launches {@link FakeWorker}s running the registered {@link FakeApp}s (an app's code string
 * names it), and records what they did. Thread-safe.
 */
final class FakeWorkers implements WorkerLauncher {
    final List<FakeWorker> launched = new CopyOnWriteArrayList<>();
    /** Codes of the apps loaded, in load order, across workers. */
    final List<String> loads = new CopyOnWriteArrayList<>();
    /** {@code "<team_id>:<event>"} of every event a chain started on, across workers. */
    final List<String> processed = new CopyOnWriteArrayList<>();
    /** Calls other than chains, as {@code "<instance>:<name>:<event count>"}. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<HostCallHandler> handlers = new CopyOnWriteArrayList<>();
    /** What the workers' Health reports as their seccomp status. */
    volatile String seccomp = "on";
    private final Map<String, FakeApp> apps = new ConcurrentHashMap<>();
    private final AtomicInteger outsideKills = new AtomicInteger();
    private final AtomicInteger failingStarts = new AtomicInteger();
    private final AtomicLong pids = new AtomicLong(1000);
    private volatile CountDownLatch held;
    private volatile String heldPrefix = "";
    /** Launches waiting at the gate of {@link #holdStarts}. */
    final AtomicInteger waitingToStart = new AtomicInteger();
    /** Calls that reached a hung worker (and wait until it is gone). */
    final AtomicInteger callsOnHungWorkers = new AtomicInteger();

    FakeWorkers app(String code, FakeApp app) {
        apps.put(code, app);
        return this;
    }

    FakeApp app(String code) {
        FakeApp app = apps.get(code);
        if (app == null) {
            throw new IllegalArgumentException("no fake app " + code);
        }
        return app;
    }

    /** The next {@code count} ProcessBatch calls (on any worker) find their worker killed from outside. */
    void killOnNextBatches(int count) {
        outsideKills.set(count);
    }

    boolean takeOutsideKill() {
        return outsideKills.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** The next {@code count} starts fail. */
    void failNextStarts(int count) {
        failingStarts.set(count);
    }

    FakeWorker last() {
        return launched.get(launched.size() - 1);
    }

    /** From now on, starts of workers whose name begins with {@code prefix} wait until the latch is released. */
    CountDownLatch holdStarts(String prefix) {
        CountDownLatch gate = new CountDownLatch(1);
        heldPrefix = prefix;
        held = gate;
        return gate;
    }

    @Override
    public Worker launch(String name, HostCallHandler handler) throws WorkerStartException {
        CountDownLatch gate = held;
        if (gate != null && name.startsWith(heldPrefix)) {
            waitingToStart.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkerStartException("interrupted while held: " + name);
            }
        }
        if (failingStarts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new WorkerStartException("fake start failure of " + name);
        }
        handlers.add(handler);
        FakeWorker worker = new FakeWorker(pids.incrementAndGet(), name, this);
        launched.add(worker);
        return worker;
    }
}
