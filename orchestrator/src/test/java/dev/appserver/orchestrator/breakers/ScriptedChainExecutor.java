package dev.appserver.orchestrator.breakers;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chain executor that behaves like a worker for the breaker's tests: the app configs listed in
 * {@link #failing} fail on every event (the event is left as it was), the others set
 * {@code properties.ran_<config id> = true}; an event named {@code drop} is dropped by the chain's
 * first app. Adds {@code $plugins_succeeded/failed/deferred} like the worker, and records the
 * chains it was given.
 */
final class ScriptedChainExecutor implements ChainExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Set<Long> failing = ConcurrentHashMap.newKeySet();
    final List<List<Long>> chains = new ArrayList<>();
    final List<String> retired = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<List<EventOutcome>> process(List<InstanceSpec> chain, List<byte[]> events) {
        chains.add(chain.stream().map(InstanceSpec::configId).toList());
        List<EventOutcome> out = new ArrayList<>();
        for (byte[] bytes : events) {
            ObjectNode event = read(bytes);
            if (event.path("event").asText().equals("drop")) {
                out.add(new EventOutcome(null, List.of(), List.of(), OptionalLong.of(chain.getFirst().configId())));
                continue;
            }
            ObjectNode properties = (ObjectNode) event.get("properties");
            ArrayNode succeeded = JSON.createArrayNode();
            ArrayNode failed = JSON.createArrayNode();
            List<Long> failedIds = new ArrayList<>();
            List<Long> succeededIds = new ArrayList<>();
            for (InstanceSpec spec : chain) {
                String name = spec.appName() + " (" + spec.configId() + ")";
                if (failing.contains(spec.configId())) {
                    failed.add(name);
                    failedIds.add(spec.configId());
                } else {
                    properties.put("ran_" + spec.configId(), true);
                    succeeded.add(name);
                    succeededIds.add(spec.configId());
                }
            }
            properties.set("$plugins_succeeded", succeeded);
            properties.set("$plugins_failed", failed);
            properties.putArray("$plugins_deferred");
            out.add(new EventOutcome(event.toString().getBytes(UTF_8), failedIds, succeededIds, OptionalLong.empty()));
        }
        return CompletableFuture.completedFuture(out);
    }

    synchronized List<Long> lastChain() {
        return chains.getLast();
    }

    @Override
    public synchronized void retire(long configId, long keepVersion) {
        retired.add(configId + "@" + keepVersion);
    }

    @Override
    public void close() {}

    private static ObjectNode read(byte[] bytes) {
        try {
            return (ObjectNode) JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
