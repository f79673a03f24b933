package dev.appserver.orchestrator.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigConflictException;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.store.NewApp;
import dev.appserver.orchestrator.store.NewAppConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Installs apps and app configs straight into repositories, for tests that do not need the loader. */
public final class StoredApps {
    private StoredApps() {}

    /** Installs an app whose transpiled code is {@code code} (CommonJS) and whose plugin.json is {@code pluginJson}. */
    public static InstalledApp install(AppRepository apps, String name, String pluginJson, String code) {
        String hash = Integer.toHexString((name + pluginJson + code).hashCode());
        return apps.install(new NewApp(name, pluginJson, "archive".getBytes(StandardCharsets.UTF_8), "content-" + hash,
                code, "code-" + hash, "index.js"));
    }

    public static AppConfig configure(AppConfigRepository configs, long teamId, InstalledApp app, int order, String configJson) {
        try {
            ObjectNode config = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(configJson);
            return configs.create(new NewAppConfig(teamId, app.id(), true, order, config, Map.of()));
        } catch (AppConfigConflictException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode emptyConfig() {
        return JsonNodeFactory.instance.objectNode();
    }
}
