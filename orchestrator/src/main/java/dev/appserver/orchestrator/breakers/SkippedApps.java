package dev.appserver.orchestrator.breakers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Adds the app configs a batch skipped (their breaker was open) to its outcomes, as if each had
 * failed on every event without touching it: in {@code failedConfigIds} and in the event's
 * {@code $plugins_failed} ({@code "<app name> (<config id>)"}), both in chain order, as the worker
 * lists the apps that ran. An event no app ran on gets all three of PostHog's lists, as the worker
 * adds them. Dropped events stay dropped. Numbers keep their exact text and keys their order.
 *
 * <p>Immutable; one per batch.
 */
final class SkippedApps {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    static final String FAILED = "$plugins_failed";

    private final List<InstanceSpec> chain;
    private final Set<Long> skipped;

    SkippedApps(List<InstanceSpec> chain, Set<Long> skipped) {
        this.chain = List.copyOf(chain);
        this.skipped = Set.copyOf(skipped);
    }

    /** The outcomes of a batch that no app ran on: every event unchanged, every app of the chain failed. */
    List<EventOutcome> passThrough(List<byte[]> events) {
        List<Long> failed = failedInChainOrder(List.of());
        List<EventOutcome> out = new ArrayList<>(events.size());
        for (byte[] event : events) {
            ObjectNode root = read(event);
            ObjectNode properties = root.path("properties") instanceof ObjectNode p ? p : JSON.createObjectNode();
            properties.putArray("$plugins_succeeded");
            properties.set(FAILED, names(failed, List.of()));
            properties.putArray("$plugins_deferred");
            root.set("properties", properties);
            out.add(new EventOutcome(write(root), failed));
        }
        return out;
    }

    /** {@code outcomes} of the apps that ran, with the skipped ones added. */
    List<EventOutcome> addTo(List<EventOutcome> outcomes) {
        List<EventOutcome> out = new ArrayList<>(outcomes.size());
        for (EventOutcome outcome : outcomes) {
            List<Long> failed = failedInChainOrder(outcome.failedConfigIds());
            if (outcome.dropped()) {
                out.add(new EventOutcome(null, failed, outcome.succeededConfigIds(), outcome.droppedBy()));
                continue;
            }
            ObjectNode root = read(outcome.event());
            if (root.path("properties") instanceof ObjectNode properties) {
                properties.set(FAILED, names(failed, properties.path(FAILED)));
            }
            out.add(new EventOutcome(write(root), failed, outcome.succeededConfigIds(), outcome.droppedBy()));
        }
        return out;
    }

    /** The skipped app configs and {@code ranAndFailed}, in chain order. */
    private List<Long> failedInChainOrder(List<Long> ranAndFailed) {
        List<Long> failed = new ArrayList<>();
        for (InstanceSpec spec : chain) {
            if (skipped.contains(spec.configId()) || ranAndFailed.contains(spec.configId())) {
                failed.add(spec.configId());
            }
        }
        return failed;
    }

    /**
     * The names of {@code failed} that the worker listed or that were skipped, in chain order,
     * then whatever else {@code listed} held.
     */
    private ArrayNode names(List<Long> failed, Iterable<JsonNode> listed) {
        Set<String> before = new LinkedHashSet<>();
        listed.forEach(node -> before.add(node.asText()));
        ArrayNode names = JSON.createArrayNode();
        Set<String> written = new LinkedHashSet<>();
        for (InstanceSpec spec : chain) {
            String name = spec.appName() + " (" + spec.configId() + ")";
            if (failed.contains(spec.configId()) && (skipped.contains(spec.configId()) || before.contains(name))) {
                names.add(name);
                written.add(name);
            }
        }
        before.stream().filter(name -> !written.contains(name)).forEach(names::add);
        return names;
    }

    private static ObjectNode read(byte[] event) {
        try {
            if (JSON.readTree(event) instanceof ObjectNode root) {
                return root;
            }
            throw new IllegalStateException("an event is not a JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException("an event is not JSON", e);
        }
    }

    private static byte[] write(JsonNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
