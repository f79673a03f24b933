package dev.appserver.orchestrator.reload;

import static java.util.Objects.requireNonNull;

/**
 * Reload every app config: PostHog's bare {@code reload-plugins} message, any payload that is not a
 * config change, or a subscription that may have missed messages.
 *
 * @param reason why, for the log
 */
public record FullReload(String reason) implements ReloadMessage {
    public FullReload {
        requireNonNull(reason, "reason is null");
    }
}
