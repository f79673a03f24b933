package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A change to an app config: each present field replaces the stored one, each absent field is
 * kept (PATCH semantics). {@code config} and {@code attachments} replace the whole value.
 */
public record AppConfigUpdate(
        Optional<Boolean> enabled,
        Optional<Integer> order,
        Optional<ObjectNode> config,
        Optional<Map<String, ConfigAttachment>> attachments) {
    public AppConfigUpdate {
        requireNonNull(enabled, "enabled is null");
        requireNonNull(order, "order is null");
        config = requireNonNull(config, "config is null").map(ObjectNode::deepCopy);
        attachments = requireNonNull(attachments, "attachments is null").map(Map::copyOf);
    }

    /** Applies this update to {@code current}, stamping it with {@code now}. */
    AppConfig applyTo(AppConfig current, Instant now) {
        return new AppConfig(current.id(), current.teamId(), current.appId(),
                enabled.orElse(current.enabled()),
                order.orElse(current.order()),
                config.orElse(current.config()),
                attachments.orElse(current.attachments()),
                current.lastError(),
                now);
    }
}
