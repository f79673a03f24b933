package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a {@code plugin.json} config schema (PostHog's {@code PluginConfigSchema}).
 *
 * @param key the {@code meta.config} key; absent for display-only entries such as
 *     {@code {"markdown": "..."}}
 * @param name the label shown to whoever configures the app
 * @param type {@code string}, {@code json}, {@code attachment}, {@code choice}, ... as written
 * @param defaultValue the value used when the app config sets none, as raw JSON
 * @param required whether a value must be given
 * @param hint help text
 * @param choices the allowed values of a {@code choice} entry, empty otherwise
 * @param secret whether the value is hidden once saved
 * @param extra every other key ({@code markdown}, {@code order}, {@code required_if},
 *     {@code visible_if}, ...), as raw JSON (a private copy; do not modify it)
 */
public record ConfigField(
        Optional<String> key,
        Optional<String> name,
        Optional<String> type,
        Optional<JsonNode> defaultValue,
        boolean required,
        Optional<String> hint,
        List<String> choices,
        boolean secret,
        ObjectNode extra) {
    public ConfigField {
        requireNonNull(key, "key is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        defaultValue = requireNonNull(defaultValue, "defaultValue is null").map(JsonNode::deepCopy);
        requireNonNull(hint, "hint is null");
        choices = List.copyOf(requireNonNull(choices, "choices is null"));
        extra = requireNonNull(extra, "extra is null").deepCopy();
    }
}
