package dev.appserver.orchestrator.trust;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.pool.Pool;
import dev.appserver.orchestrator.pool.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pool that runs chains by a script instead of app code: each app config appends {@code |<id>}
 * to an event (plain text, e.g. {@code e1}), drops the events its config lists in {@code drops},
 * and fails on those in {@code fails} (leaving the event as it was, as a throwing app does). It
 * records every call; with {@link #hold} its batches complete only on {@link #release}.
 */
final class ScriptedPool implements Pool {
    /** One {@code process} call: the chain's config ids and the events as text. */
    record Call(List<Long> configIds, List<Boolean> verified, List<String> events) {}

    final String name;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> retirements = new CopyOnWriteArrayList<>();
    private final Map<Long, List<String>> drops;
    private final Map<Long, List<String>> fails;
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;
    volatile boolean closed;

    ScriptedPool(String name, Map<Long, List<String>> drops, Map<Long, List<String>> fails) {
        this.name = name;
        this.drops = drops;
        this.fails = fails;
    }

    @Override
    public CompletableFuture<List<EventOutcome>> process(List<InstanceSpec> chain, List<byte[]> events) {
        List<String> texts = events.stream().map(bytes -> new String(bytes, UTF_8)).toList();
        calls.add(new Call(chain.stream().map(InstanceSpec::configId).toList(),
                chain.stream().map(InstanceSpec::verified).toList(), texts));
        List<EventOutcome> outcomes = new ArrayList<>();
        for (String text : texts) {
            outcomes.add(run(chain, text));
        }
        CompletableFuture<List<EventOutcome>> result = new CompletableFuture<>();
        synchronized (this) {
            if (holding) {
                held.add(() -> result.complete(outcomes));
                return result;
            }
        }
        result.complete(outcomes);
        return result;
    }

    private EventOutcome run(List<InstanceSpec> chain, String event) {
        String name = event.split("\\|")[0];
        String current = event;
        List<Long> failed = new ArrayList<>();
        for (InstanceSpec spec : chain) {
            if (fails.getOrDefault(spec.configId(), List.of()).contains(name)) {
                failed.add(spec.configId());
            } else if (drops.getOrDefault(spec.configId(), List.of()).contains(name)) {
                return new EventOutcome(null, failed);
            } else {
                current = current + "|" + spec.configId();
            }
        }
        return new EventOutcome(current.getBytes(UTF_8), failed);
    }

    synchronized void hold() {
        holding = true;
    }

    /** Completes the held batches in order, and stops holding. */
    void release() {
        List<Runnable> release;
        synchronized (this) {
            holding = false;
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    @Override
    public void retire(long configId, long keepVersion) {
        retirements.add(configId + "@" + (keepVersion == Long.MIN_VALUE ? "all" : keepVersion));
    }

    @Override
    public PoolStats stats() {
        return new PoolStats(closed ? 0 : 1, 0, 0, 0);
    }

    @Override
    public boolean saturated() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
    }
}
