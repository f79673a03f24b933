package dev.appserver.orchestrator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.apps.ConfigField;
import dev.appserver.orchestrator.apps.PluginManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an app config's values against its app's {@code plugin.json} schema, as PostHog's UI
 * did: only keys the schema names, scalar values, a {@code choice} among its {@code choices},
 * files only for {@code attachment} fields, and every {@code required} field set (a
 * {@code default} counts). Stateless.
 */
final class ConfigValidator {
    private static final String ATTACHMENT = "attachment";

    private ConfigValidator() {}

    /**
     * @param values the config values to be stored, without defaults
     * @param attachmentKeys the keys of the files to be stored
     * @throws InvalidConfigException naming the first key at fault
     */
    static void validate(PluginManifest manifest, ObjectNode values, Set<String> attachmentKeys)
            throws InvalidConfigException {
        Map<String, ConfigField> fields = fieldsByKey(manifest);
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            checkValue(fields, entry.getKey(), entry.getValue());
        }
        for (String key : attachmentKeys) {
            ConfigField field = fields.get(key);
            if (field == null || !isAttachment(field)) {
                throw new InvalidConfigException("attachment '" + key + "' is not an attachment field of this app"
                        + knownKeys(fields, true));
            }
        }
        for (ConfigField field : fields.values()) {
            String key = field.key().orElseThrow();
            boolean set = isAttachment(field) ? attachmentKeys.contains(key) : isSet(values.get(key));
            if (field.required() && !set && field.defaultValue().isEmpty()) {
                throw new InvalidConfigException("config '" + key + "' is required" + field.name().map(name -> " (" + name + ")").orElse(""));
            }
        }
    }

    private static void checkValue(Map<String, ConfigField> fields, String key, JsonNode value)
            throws InvalidConfigException {
        ConfigField field = fields.get(key);
        if (field == null) {
            throw new InvalidConfigException("unknown config key '" + key + "'" + knownKeys(fields, false));
        }
        if (isAttachment(field)) {
            throw new InvalidConfigException("config '" + key + "' is an attachment: send it in attachments");
        }
        if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
            throw new InvalidConfigException("config '" + key + "' must be a string, number or boolean");
        }
        if (!field.choices().isEmpty() && !field.choices().contains(value.asText())) {
            throw new InvalidConfigException("config '" + key + "' must be one of " + field.choices()
                    + ", not '" + value.asText() + "'");
        }
    }

    private static Map<String, ConfigField> fieldsByKey(PluginManifest manifest) {
        Map<String, ConfigField> fields = new LinkedHashMap<>();
        for (ConfigField field : manifest.config()) {
            field.key().ifPresent(key -> fields.put(key, field));
        }
        return fields;
    }

    private static boolean isAttachment(ConfigField field) {
        return field.type().filter(ATTACHMENT::equals).isPresent();
    }

    private static boolean isSet(JsonNode value) {
        return value != null && !(value.isTextual() && value.textValue().isEmpty());
    }

    /** The keys of the value fields, or of the attachment fields, for an error message. */
    private static String knownKeys(Map<String, ConfigField> fields, boolean attachments) {
        List<String> keys = fields.values().stream().filter(field -> isAttachment(field) == attachments)
                .map(field -> field.key().orElseThrow()).toList();
        String kind = attachments ? "attachment fields" : "config keys";
        return keys.isEmpty() ? " (this app has no " + kind + ")" : " (" + kind + ": " + String.join(", ", keys) + ")";
    }
}
