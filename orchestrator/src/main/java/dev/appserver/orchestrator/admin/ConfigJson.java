package dev.appserver.orchestrator.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.apps.ConfigField;
import dev.appserver.orchestrator.apps.MetaConfig;
import dev.appserver.orchestrator.apps.PluginManifest;
import dev.appserver.orchestrator.store.AppConfig;

/**
 * App configs as the API shows them: {@code config} with {@code plugin.json} defaults applied (as
 * the app sees it) and {@code secret} values masked, a {@code status} and the last error.
 */
final class ConfigJson {
    static final String MASK = "**************";

    private ConfigJson() {}

    static ObjectNode of(AppConfig config, PluginManifest manifest) {
        ObjectNode node = Json.NODES.objectNode()
                .put("id", config.id())
                .put("team_id", config.teamId())
                .put("app_id", config.appId())
                .put("enabled", config.enabled())
                .put("order", config.order())
                .put("status", status(config));
        node.put("last_error", config.lastError().orElse(null));
        node.set("config", masked(MetaConfig.of(manifest, config.config()), manifest));
        node.set("attachments", AttachmentsJson.describe(config.attachments()));
        return node.put("updated_at", config.updatedAt().toString());
    }

    /** {@code disabled}; {@code enabled}; or {@code failing}: enabled, with a last error. */
    static String status(AppConfig config) {
        if (!config.enabled()) {
            return "disabled";
        }
        return config.lastError().isPresent() ? "failing" : "enabled";
    }

    private static ObjectNode masked(ObjectNode config, PluginManifest manifest) {
        for (ConfigField field : manifest.config()) {
            if (field.secret() && field.key().isPresent() && config.has(field.key().get())) {
                config.put(field.key().get(), MASK);
            }
        }
        return config;
    }
}
