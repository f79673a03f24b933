package dev.appserver.orchestrator.apps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds an app config's {@code meta.config}: the {@code plugin.json} defaults, overlaid by the
 * values the app config sets.
 */
public final class MetaConfig {
    private MetaConfig() {}

    /**
     * Returns a new object holding, in schema order, each config key that has a {@code default},
     * then each override (replacing a default in place, or appended). Override values are kept
     * exactly as given: strings, numbers, booleans, even objects.
     */
    public static ObjectNode of(PluginManifest manifest, ObjectNode overrides) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (ConfigField field : manifest.config()) {
            if (field.key().isPresent() && field.defaultValue().isPresent()) {
                config.set(field.key().get(), field.defaultValue().get().deepCopy());
            }
        }
        overrides.properties().forEach(entry -> config.set(entry.getKey(), entry.getValue().deepCopy()));
        return config;
    }
}
