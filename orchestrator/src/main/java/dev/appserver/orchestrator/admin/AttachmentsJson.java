package dev.appserver.orchestrator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.ConfigAttachment;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * App config attachments in requests and responses. A request gives
 * {@code {"KEY": {"file_name": ..., "content_type": ..., "contents": BASE64}}} ({@code null}
 * removes the key in a PATCH); a response shows names, types and sizes, never the contents.
 */
final class AttachmentsJson {
    private AttachmentsJson() {}

    /** {@code current} with {@code changes} merged in. */
    static Map<String, ConfigAttachment> merge(Map<String, ConfigAttachment> current, ObjectNode changes) {
        Map<String, ConfigAttachment> merged = new LinkedHashMap<>(current);
        for (Map.Entry<String, JsonNode> entry : changes.properties()) {
            if (entry.getValue().isNull()) {
                merged.remove(entry.getKey());
            } else {
                merged.put(entry.getKey(), parse(entry.getKey(), entry.getValue()));
            }
        }
        return merged;
    }

    static ObjectNode describe(Map<String, ConfigAttachment> attachments) {
        ObjectNode node = Json.NODES.objectNode();
        attachments.forEach((key, attachment) -> node.putObject(key)
                .put("file_name", attachment.fileName())
                .put("content_type", attachment.contentType())
                .put("size", attachment.contents().length));
        return node;
    }

    private static ConfigAttachment parse(String key, JsonNode node) {
        String where = "attachments." + key;
        if (!node.isObject()) {
            throw ApiException.badRequest("'" + where + "' must be an object with file_name, content_type and contents (base64)");
        }
        RequestFields.requireOnly((ObjectNode) node, Set.of("file_name", "content_type", "contents"));
        byte[] contents;
        try {
            contents = Base64.getDecoder().decode(text(node, where, "contents"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + where + ".contents' must be base64: " + e.getMessage());
        }
        String contentType = node.hasNonNull("content_type") ? text(node, where, "content_type") : "application/octet-stream";
        return new ConfigAttachment(contentType, text(node, where, "file_name"), contents);
    }

    private static String text(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("'" + where + "." + field + "' must be a string");
        }
        return value.textValue();
    }
}
