package dev.appserver.orchestrator.publicapps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code $plugins_succeeded}, {@code $plugins_failed} and {@code $plugins_deferred} properties
 * run-app adds as PostHog does. An app that throws leaves the event as it was, which could make
 * an expectation about unchanged fields pass vacuously, so every public-app test first checks
 * that the app succeeded, then compares the event without these properties.
 */
final class PluginBookkeeping {
    private static final List<String> KEYS = List.of("$plugins_succeeded", "$plugins_failed", "$plugins_deferred");

    private PluginBookkeeping() {}

    /** Asserts that the app named {@code appEntry} (e.g. {@code "GeoIP (1)"}) ran on {@code event} without failing. */
    static void assertSucceeded(JsonNode event, String appEntry, String context) {
        assertThat(event.isObject()).as("the event was dropped; " + context).isTrue();
        assertThat(event.at("/properties/$plugins_succeeded").toString()).as(context).isEqualTo("[\"" + appEntry + "\"]");
        assertThat(event.at("/properties/$plugins_failed").toString()).as(context).isEqualTo("[]");
    }

    /** A copy of {@code event} without the bookkeeping properties (and without properties it alone created). */
    static ObjectNode withoutBookkeeping(JsonNode event, JsonNode input) {
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        if (copy.get("properties") instanceof ObjectNode properties) {
            properties.remove(KEYS);
            if (properties.isEmpty() && !input.has("properties")) {
                copy.remove("properties");
            }
        }
        return copy;
    }
}
