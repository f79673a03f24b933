package dev.appserver.orchestrator.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.apps.ConfigField;
import dev.appserver.orchestrator.apps.MetaConfig;
import dev.appserver.orchestrator.apps.PluginManifest;
import dev.appserver.orchestrator.breakers.BreakerStatus;
import dev.appserver.orchestrator.pool.SetupStatus;
import dev.appserver.orchestrator.store.AppConfig;
import java.time.Instant;
import java.util.Locale;

/**
 * App configs as the API shows them: {@code config} with {@code plugin.json} defaults applied (as
 * the app sees it) and {@code secret} values masked, a {@code status} and the last error, and what
 * this orchestrator knows at run time ({@link ConfigRuntime}): {@code breaker} ({@code null} when
 * it has not run the app config) and {@code setup} ({@code null} unless its load is failing).
 */
final class ConfigJson {
    static final String MASK = "**************";

    private ConfigJson() {}

    static ObjectNode of(AppConfig config, PluginManifest manifest, ConfigRuntime runtime) {
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
        node.put("updated_at", config.updatedAt().toString());
        node.set("breaker", runtime.breaker(config.id()).map(ConfigJson::breaker).orElse(null));
        node.set("setup", runtime.setup(config.id()).map(ConfigJson::setup).orElse(null));
        return node;
    }

    private static ObjectNode breaker(BreakerStatus breaker) {
        return Json.NODES.objectNode()
                .put("state", breaker.state())
                .put("failure_rate", breaker.failureRate())
                .put("events", breaker.events())
                .put("failed_events", breaker.failedEvents())
                .put("skipped_batches", breaker.skippedBatches())
                .put("version", breaker.version());
    }

    private static ObjectNode setup(SetupStatus setup) {
        ObjectNode node = Json.NODES.objectNode()
                .put("state", setup.state().name().toLowerCase(Locale.ROOT))
                .put("attempts", setup.attempts())
                .put("max_attempts", setup.maxAttempts());
        node.put("retry_at", setup.retryAt().map(Instant::toString).orElse(null));
        return node.put("error", setup.error()).put("version", setup.version());
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
