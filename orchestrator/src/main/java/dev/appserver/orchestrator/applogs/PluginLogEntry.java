package dev.appserver.orchestrator.applogs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One message of the {@code plugin_log_entries} topic, as PostHog's plugin server writes it (and
 * its ClickHouse table reads it).
 *
 * @param id the entry's own id (PostHog: a time-ordered UUID)
 * @param teamId the tenant
 * @param pluginId the app
 * @param pluginConfigId the app config
 * @param timestamp when the entry was written
 * @param source {@code CONSOLE}, {@code PLUGIN} or {@code SYSTEM}
 * @param type {@code DEBUG}, {@code LOG}, {@code INFO}, {@code WARN} or {@code ERROR}
 * @param message the text
 * @param instanceId the orchestrator that wrote it
 */
record PluginLogEntry(UUID id, long teamId, long pluginId, long pluginConfigId, Instant timestamp, String source,
        String type, String message, UUID instanceId) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ClickHouse's {@code DateTime64(6)} text, in UTC, as PostHog sends it. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    PluginLogEntry {
        requireNonNull(id, "id is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(source, "source is null");
        requireNonNull(type, "type is null");
        requireNonNull(message, "message is null");
        requireNonNull(instanceId, "instanceId is null");
    }

    /** The message value: a JSON object with PostHog's field names. */
    byte[] json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id.toString());
        fields.put("team_id", teamId);
        fields.put("plugin_id", pluginId);
        fields.put("plugin_config_id", pluginConfigId);
        fields.put("timestamp", TIMESTAMP.format(timestamp));
        fields.put("source", source);
        fields.put("type", type);
        fields.put("message", message);
        fields.put("instance_id", instanceId.toString());
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
