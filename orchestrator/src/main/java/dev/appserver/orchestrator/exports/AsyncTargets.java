package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.routing.TeamChains;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's app configs that take its processed events: the enabled ones (as its chain has them,
 * from the same cache, so a reload applies here too) whose app exports {@code onEvent} or
 * {@code exportEvents}, as the first worker that loaded the app found ({@link InstalledApp#capabilities}).
 * An app's capabilities never change once known, so they are cached; an app never loaded
 * anywhere yet is not a target (its chain instance loads it before any of the tenant's events
 * reach the output). Thread-safe.
 */
public final class AsyncTargets {
    private final TeamChains chains;
    private final AppRepository apps;
    private final Map<Long, List<String>> capabilities = new ConcurrentHashMap<>();

    /** An app config that takes processed events, and how. */
    public record Target(InstanceSpec spec, boolean onEvent, boolean exportEvents) {
        public Target {
            requireNonNull(spec, "spec is null");
        }
    }

    public AsyncTargets(TeamChains chains, AppRepository apps) {
        this.chains = requireNonNull(chains, "chains is null");
        this.apps = requireNonNull(apps, "apps is null");
    }

    public List<Target> of(long teamId) {
        List<Target> targets = new ArrayList<>();
        for (InstanceSpec spec : chains.chainOf(teamId)) {
            List<String> exports = capabilities(spec.appId()).orElse(List.of());
            boolean onEvent = exports.contains("onEvent");
            boolean exportEvents = exports.contains("exportEvents");
            if (onEvent || exportEvents) {
                targets.add(new Target(spec, onEvent, exportEvents));
            }
        }
        return List.copyOf(targets);
    }

    private Optional<List<String>> capabilities(long appId) {
        List<String> known = capabilities.get(appId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<List<String>> read = apps.find(appId).flatMap(InstalledApp::capabilities);
        read.ifPresent(names -> capabilities.put(appId, names));
        return read;
    }
}
