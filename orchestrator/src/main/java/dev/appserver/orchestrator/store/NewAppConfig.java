package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An app config about to be created: everything of an {@link AppConfig} but what the repository assigns. */
public record NewAppConfig(
        long teamId, long appId, boolean enabled, int order, ObjectNode config, Map<String, ConfigAttachment> attachments) {
    public NewAppConfig {
        config = requireNonNull(config, "config is null").deepCopy();
        attachments = Map.copyOf(requireNonNull(attachments, "attachments is null"));
    }
}
