package dev.appserver.orchestrator.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** {@code --config KEY=VALUE} options as a JSON object, and app configs as readable text. */
final class ConfigValues {
    private ConfigValues() {}

    static ObjectNode parse(List<String> keyValues, List<String> unset) throws AdminCallException {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (String keyValue : keyValues) {
            int equals = keyValue.indexOf('=');
            if (equals <= 0) {
                throw new AdminCallException("--config wants KEY=VALUE, not '" + keyValue + "'", 2);
            }
            values.put(keyValue.substring(0, equals), keyValue.substring(equals + 1));
        }
        unset.forEach(values::putNull);
        return values;
    }

    static String describe(JsonNode config) {
        StringBuilder text = new StringBuilder();
        text.append("app config ").append(config.path("id").asLong())
                .append(": team ").append(config.path("team_id").asLong())
                .append(", app ").append(config.path("app_id").asLong())
                .append(", order ").append(config.path("order").asInt())
                .append(", ").append(config.path("status").asText()).append('\n');
        if (config.hasNonNull("last_error")) {
            text.append("  last error: ").append(config.path("last_error").asText()).append('\n');
        }
        for (Map.Entry<String, JsonNode> value : config.path("config").properties()) {
            text.append("  ").append(value.getKey()).append(" = ").append(value.getValue().asText()).append('\n');
        }
        for (Map.Entry<String, JsonNode> attachment : config.path("attachments").properties()) {
            text.append("  ").append(attachment.getKey()).append(": file ").append(attachment.getValue().path("file_name").asText())
                    .append(" (").append(attachment.getValue().path("size").asLong()).append(" bytes)\n");
        }
        return text.append("  updated ").append(config.path("updated_at").asText()).append('\n').toString();
    }
}
