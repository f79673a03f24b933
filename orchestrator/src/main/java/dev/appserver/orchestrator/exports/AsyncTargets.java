package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.routing.AppCapabilities;
import dev.appserver.orchestrator.routing.TeamChains;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's app configs that take its processed events: the enabled ones (as its chain has them,
 * from the same cache, so a reload applies here too) whose app exports {@code onEvent} or
 * {@code exportEvents} ({@link AppCapabilities}). An app never loaded anywhere yet is not a
 * target: its chain instance loads it before any of the tenant's events reach the output.
 * Thread-safe.
 */
public final class AsyncTargets {
    private final TeamChains chains;
    private final AppCapabilities capabilities;

    /** An app config that takes processed events, and how. */
    public record Target(InstanceSpec spec, boolean onEvent, boolean exportEvents) {
        public Target {
            requireNonNull(spec, "spec is null");
        }
    }

    public AsyncTargets(TeamChains chains, AppCapabilities capabilities) {
        this.chains = requireNonNull(chains, "chains is null");
        this.capabilities = requireNonNull(capabilities, "capabilities is null");
    }

    public List<Target> of(long teamId) {
        List<Target> targets = new ArrayList<>();
        for (InstanceSpec spec : chains.chainOf(teamId)) {
            boolean onEvent = capabilities.exports(spec.appId(), "onEvent");
            boolean exportEvents = capabilities.exports(spec.appId(), "exportEvents");
            if (onEvent || exportEvents) {
                targets.add(new Target(spec, onEvent, exportEvents));
            }
        }
        return List.copyOf(targets);
    }
}
