package dev.appserver.orchestrator.applogs;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant and app of app configs, read from the repository once and remembered: an app
 * config's team and app never change. Keeps the {@value #CAPACITY} most recently used.
 *
 * <p>Not thread-safe: confined to the thread that publishes log entries.
 */
final class ConfigOwners {
    static final int CAPACITY = 10_000;

    private final AppConfigRepository configs;
    private final Map<Long, Owner> owners = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Owner> eldest) {
            return size() > CAPACITY;
        }
    };

    ConfigOwners(AppConfigRepository configs) {
        this.configs = requireNonNull(configs, "configs is null");
    }

    /** The app config's owner; empty when there is no such app config (any more). */
    Optional<Owner> of(long configId) {
        Owner owner = owners.get(configId);
        if (owner != null) {
            return Optional.of(owner);
        }
        Optional<AppConfig> config = configs.get(configId);
        config.ifPresent(found -> owners.put(configId, new Owner(found.teamId(), found.appId())));
        return config.map(found -> owners.get(configId));
    }

    /** Whose an app config is. */
    record Owner(long teamId, long appId) {}
}
