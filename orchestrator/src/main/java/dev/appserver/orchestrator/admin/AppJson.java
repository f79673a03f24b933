package dev.appserver.orchestrator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.InstalledApp;

/** Installed apps as the API shows them: never the archive or the code, only their size and hash. */
final class AppJson {
    private AppJson() {}

    static ObjectNode summary(InstalledApp app) {
        JsonNode pluginJson = pluginJson(app);
        ObjectNode node = Json.NODES.objectNode()
                .put("id", app.id())
                .put("name", app.name());
        JsonNode description = pluginJson.path("description");
        node.put("description", description.isTextual() ? description.textValue() : null);
        node.put("content_hash", app.contentHash())
                .put("code_hash", app.codeHash())
                .put("main_file", app.mainFile())
                .put("archive_bytes", app.archive().length)
                .put("verified", app.verified());
        if (app.capabilities().isPresent()) {
            app.capabilities().get().forEach(node.putArray("capabilities")::add);
        } else {
            node.putNull("capabilities");
        }
        return node.put("created_at", app.createdAt().toString());
    }

    static ObjectNode detail(InstalledApp app) {
        ObjectNode node = summary(app);
        node.set("plugin_json", pluginJson(app));
        return node;
    }

    private static JsonNode pluginJson(InstalledApp app) {
        try {
            return Json.MAPPER.readTree(app.pluginJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("app " + app.id() + " was stored with an unreadable plugin.json", e);
        }
    }
}
