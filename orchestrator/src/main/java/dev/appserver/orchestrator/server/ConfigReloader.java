package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.reload.ConfigReload;
import dev.appserver.orchestrator.reload.FullReload;
import dev.appserver.orchestrator.reload.ReloadMessage;
import dev.appserver.orchestrator.routing.TeamChains;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies reload messages to this orchestrator: the tenant's cached chain is dropped (the next
 * batch reads the store) and the instances of the config's older versions are torn down once the
 * batches using them are done, so events in flight finish with the config they started with.
 * Thread-safe.
 */
final class ConfigReloader implements Consumer<ReloadMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final TeamChains chains;
    private final ChainExecutor executor;

    ConfigReloader(TeamChains chains, ChainExecutor executor) {
        this.chains = requireNonNull(chains, "chains is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    @Override
    public void accept(ReloadMessage message) {
        switch (message) {
            case ConfigReload change -> {
                LOG.info("app config {} of team {} {}", change.configId(), change.teamId(),
                        change.kind().name().toLowerCase(java.util.Locale.ROOT));
                chains.invalidate(change.teamId());
                executor.retire(change.configId(),
                        change.kind() == ConfigReload.Kind.DELETED ? Long.MIN_VALUE : change.version());
            }
            case FullReload full -> {
                LOG.info("reloading every chain: {}", full.reason());
                chains.invalidateAll();
            }
        }
    }
}
