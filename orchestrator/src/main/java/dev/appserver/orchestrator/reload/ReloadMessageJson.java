package dev.appserver.orchestrator.reload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The wire format of {@link ReloadMessage}s, small JSON objects:
 * {@code {"team_id":2,"config_id":7,"kind":"UPDATED","version":1767225600000000}} for a
 * {@link ConfigReload}, {@code {"reason":"..."}} for a {@link FullReload}. Reading is lenient on
 * purpose: unknown fields are ignored (newer publishers may add some), and anything that is not a
 * complete config change, PostHog's bare message included, reads as a {@link FullReload}.
 * Stateless; thread-safe.
 */
final class ReloadMessageJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTED_PAYLOAD_CHARS = 80;

    private ReloadMessageJson() {
    }

    static String encode(ReloadMessage message) {
        ObjectNode json = JSON.createObjectNode();
        switch (message) {
            case ConfigReload config -> json.put("team_id", config.teamId())
                    .put("config_id", config.configId())
                    .put("kind", config.kind().name())
                    .put("version", config.version());
            case FullReload full -> json.put("reason", full.reason());
        }
        return json.toString();
    }

    /** Never fails: what cannot be read as a config change is a {@link FullReload}. */
    static ReloadMessage decode(String payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return notAConfigChange(payload);
        }
        if (json == null || !json.isObject()) {
            return notAConfigChange(payload);
        }
        Optional<ReloadMessage> config = configReload(json);
        if (config.isPresent()) {
            return config.get();
        }
        JsonNode reason = json.get("reason");
        return reason != null && reason.isTextual() && !json.has("kind") ? new FullReload(reason.asText()) : notAConfigChange(payload);
    }

    private static Optional<ReloadMessage> configReload(JsonNode json) {
        Optional<Long> teamId = whole(json.get("team_id"));
        Optional<Long> configId = whole(json.get("config_id"));
        Optional<Long> version = whole(json.get("version"));
        Optional<ConfigReload.Kind> kind = kind(json.get("kind"));
        if (teamId.isEmpty() || configId.isEmpty() || version.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigReload(teamId.get(), configId.get(), kind.get(), version.get()));
    }

    private static Optional<Long> whole(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? Optional.of(node.longValue()) : Optional.empty();
    }

    private static Optional<ConfigReload.Kind> kind(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        for (ConfigReload.Kind kind : ConfigReload.Kind.values()) {
            if (kind.name().equals(node.asText())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static FullReload notAConfigChange(String payload) {
        String quoted = payload.length() > QUOTED_PAYLOAD_CHARS ? payload.substring(0, QUOTED_PAYLOAD_CHARS) + "..." : payload;
        return new FullReload("a message that is not a config change: \"" + quoted + "\"");
    }
}
