package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * An app's {@code plugin.json}, in PostHog's format.
 *
 * @param name the app's name, when given
 * @param description a one-line description, when given
 * @param main the main file as written in {@code plugin.json} (maybe with a leading {@code ./}),
 *     when given; {@link AppLoader} falls back to {@code index.js}, then {@code index.ts}
 * @param url the app's home page or repository, when given
 * @param config the config schema, in the order of {@code plugin.json}
 * @param extra every other top-level key, as raw JSON (a private copy; do not modify it)
 */
public record PluginManifest(
        Optional<String> name,
        Optional<String> description,
        Optional<String> main,
        Optional<String> url,
        List<ConfigField> config,
        ObjectNode extra) {
    public PluginManifest {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(main, "main is null");
        requireNonNull(url, "url is null");
        config = List.copyOf(requireNonNull(config, "config is null"));
        extra = requireNonNull(extra, "extra is null").deepCopy();
    }

    /**
     * Parses the bytes of a {@code plugin.json}, as {@link AppLoader} does; used to read back the
     * manifest of an installed app.
     *
     * @param app names the app in error messages
     */
    public static PluginManifest parse(String app, byte[] json) throws AppLoadException {
        return PluginManifestParser.parse(app, json);
    }

    /**
     * Parses the plugin.json of an installed app, which installing already parsed once.
     *
     * @throws IllegalStateException when it no longer parses: the store was changed behind our back
     */
    public static PluginManifest parseInstalled(long appId, String app, String json) {
        try {
            return parse(app, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (AppLoadException e) {
            throw new IllegalStateException("app " + appId + " has a stored plugin.json that no longer parses", e);
        }
    }
}
