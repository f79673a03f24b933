package dev.appserver.orchestrator.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code plugin.json}. Strict where a mistake would make the app misbehave (a {@code main}
 * that is not a string, a config schema that is not a list), lenient where PostHog was
 * ({@code null} counts as absent; the config schema may also be an object keyed by config key,
 * which PostHog's UI accepted).
 *
 * <p>Stateless and thread-safe.
 */
final class PluginManifestParser {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> MANIFEST_KEYS = Set.of("name", "description", "main", "url", "config");
    private static final Set<String> FIELD_KEYS =
            Set.of("key", "name", "type", "default", "required", "hint", "choices", "secret");

    private PluginManifestParser() {}

    /** Parses the bytes of {@code plugin.json}; {@code app} names the app in error messages. */
    static PluginManifest parse(String app, byte[] json) throws AppLoadException {
        JsonNode root = readTree(app, json);
        if (!root.isObject()) {
            throw new AppLoadException(app, "plugin.json must hold a JSON object, not " + describe(root));
        }
        return new PluginManifest(
                text(app, root, "name", "plugin.json"),
                text(app, root, "description", "plugin.json"),
                text(app, root, "main", "plugin.json"),
                text(app, root, "url", "plugin.json"),
                config(app, root.get("config")),
                extra((ObjectNode) root, MANIFEST_KEYS));
    }

    private static JsonNode readTree(String app, byte[] json) throws AppLoadException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new AppLoadException(app, "plugin.json is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new AppLoadException(app, "plugin.json is not valid JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new AppLoadException(app, "plugin.json cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static List<ConfigField> config(String app, JsonNode config) throws AppLoadException {
        List<ConfigField> fields = new ArrayList<>();
        if (config == null || config.isNull()) {
            return fields;
        }
        if (config.isArray()) {
            for (int i = 0; i < config.size(); i++) {
                fields.add(field(app, config.get(i), "config[" + i + "]", Optional.empty()));
            }
        } else if (config.isObject()) {
            for (Map.Entry<String, JsonNode> entry : config.properties()) {
                fields.add(field(app, entry.getValue(), "config." + entry.getKey(), Optional.of(entry.getKey())));
            }
        } else {
            throw new AppLoadException(app, "plugin.json \"config\" must be an array, not " + describe(config));
        }
        return fields;
    }

    private static ConfigField field(String app, JsonNode node, String where, Optional<String> impliedKey)
            throws AppLoadException {
        if (!node.isObject()) {
            throw new AppLoadException(app, "plugin.json " + where + " must be an object, not " + describe(node));
        }
        Optional<String> key = text(app, node, "key", "plugin.json " + where);
        JsonNode defaultValue = node.get("default");
        return new ConfigField(
                key.or(() -> impliedKey),
                text(app, node, "name", "plugin.json " + where),
                text(app, node, "type", "plugin.json " + where),
                defaultValue == null || defaultValue.isNull() ? Optional.empty() : Optional.of(defaultValue),
                node.path("required").asBoolean(false),
                text(app, node, "hint", "plugin.json " + where),
                choices(app, node.get("choices"), where),
                node.path("secret").asBoolean(false),
                extra((ObjectNode) node, FIELD_KEYS));
    }

    private static List<String> choices(String app, JsonNode choices, String where) throws AppLoadException {
        List<String> values = new ArrayList<>();
        if (choices == null || choices.isNull()) {
            return values;
        }
        if (!choices.isArray()) {
            throw new AppLoadException(app, "plugin.json " + where + ".choices must be an array, not " + describe(choices));
        }
        for (JsonNode choice : choices) {
            if (!choice.isValueNode() || choice.isNull()) {
                throw new AppLoadException(app, "plugin.json " + where + ".choices must hold strings");
            }
            values.add(choice.asText());
        }
        return values;
    }

    private static Optional<String> text(String app, JsonNode object, String key, String where) throws AppLoadException {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new AppLoadException(app, where + " \"" + key + "\" must be a string, not " + describe(value));
        }
        return Optional.of(value.textValue());
    }

    private static ObjectNode extra(ObjectNode object, Set<String> modelledKeys) {
        ObjectNode extra = object.objectNode();
        object.properties().forEach(entry -> {
            if (!modelledKeys.contains(entry.getKey())) {
                extra.set(entry.getKey(), entry.getValue());
            }
        });
        return extra;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
