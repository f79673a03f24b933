package dev.appserver.orchestrator.trust;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.pool.Pool;
import dev.appserver.orchestrator.pool.PoolStats;
import dev.appserver.orchestrator.pool.SetupStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pool that runs chains by a script instead of app code. Events are JSON objects whose
 * {@code properties.path} starts as the event's name ({@link #event}); each app config appends
 * {@code |<id>} to it, drops the events its config lists in {@code drops}, and fails on those in
 * {@code fails} (leaving the event as it was, as a throwing app does). Like a worker, it then sets
 * {@code $plugins_succeeded} and {@code $plugins_failed} ({@code "App <id>"}) and
 * {@code $plugins_deferred} (empty), replacing any it finds. It records every call (the paths it
 * was given, and whether any event came with plugin lists); with {@link #hold} its batches complete
 * only on {@link #release}.
 */
final class ScriptedPool implements Pool {
    /** One {@code process} call: the chain's config ids and the events as text. */
    record Call(List<Long> configIds, List<Boolean> verified, List<String> events) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event named {@code name}, as this pool reads it. */
    static byte[] event(String name) {
        ObjectNode event = JSON.createObjectNode().put("event", name);
        event.putObject("properties").put("path", name);
        return event.toString().getBytes(UTF_8);
    }

    /** The path of a resulting event; null for a dropped one. */
    static String path(EventOutcome outcome) {
        return outcome.dropped() ? null : read(outcome.event()).get("properties").get("path").asText();
    }

    static ObjectNode read(byte[] event) {
        try {
            return (ObjectNode) JSON.readTree(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final List<String> listsSeen = new CopyOnWriteArrayList<>();

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
        List<ObjectNode> read = events.stream().map(ScriptedPool::read).toList();
        read.stream().filter(event -> event.get("properties").has("$plugins_succeeded"))
                .forEach(event -> listsSeen.add(event.toString()));
        calls.add(new Call(chain.stream().map(InstanceSpec::configId).toList(),
                chain.stream().map(InstanceSpec::verified).toList(),
                read.stream().map(event -> event.get("properties").get("path").asText()).toList()));
        List<EventOutcome> outcomes = new ArrayList<>();
        for (ObjectNode event : read) {
            outcomes.add(run(chain, event));
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

    private EventOutcome run(List<InstanceSpec> chain, ObjectNode event) {
        String name = event.get("event").asText();
        ObjectNode properties = (ObjectNode) event.get("properties");
        String path = properties.get("path").asText();
        List<Long> failed = new ArrayList<>();
        List<Long> succeeded = new ArrayList<>();
        ArrayNode succeededNames = JSON.createArrayNode();
        ArrayNode failedNames = JSON.createArrayNode();
        for (InstanceSpec spec : chain) {
            if (fails.getOrDefault(spec.configId(), List.of()).contains(name)) {
                failed.add(spec.configId());
                failedNames.add("App " + spec.configId());
            } else if (drops.getOrDefault(spec.configId(), List.of()).contains(name)) {
                return new EventOutcome(null, failed, succeeded, OptionalLong.of(spec.configId()));
            } else {
                path = path + "|" + spec.configId();
                succeeded.add(spec.configId());
                succeededNames.add("App " + spec.configId());
            }
        }
        properties.put("path", path);
        properties.set("$plugins_succeeded", succeededNames);
        properties.set("$plugins_failed", failedNames);
        properties.set("$plugins_deferred", JSON.createArrayNode());
        return new EventOutcome(event.toString().getBytes(UTF_8), failed, succeeded, OptionalLong.empty());
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

    /** App calls, as {@code "<config id>:<call>"}, each succeeding. */
    final List<String> appCalls = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<CallOutcome> call(InstanceSpec spec, AppCall call) {
        appCalls.add(spec.configId() + ":" + call.describe());
        return CompletableFuture.completedFuture(CallOutcome.succeeded(0));
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
    public Optional<SetupStatus> setupStatus(long configId) {
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
