package dev.appserver.orchestrator.routing;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.apps.MetaConfig;
import dev.appserver.orchestrator.apps.PluginManifest;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a tenant's chain from the store: its enabled app configs in chain order, each with its
 * app's code and {@code meta.config} ({@code plugin.json} defaults overlaid by the config's values).
 * An installed app's code never changes, so each is read (with its archive) and its plugin.json
 * parsed once; the configs and which apps are verified (which decides the pool each instance runs
 * in) are read on every call. Thread-safe.
 */
final class ChainBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ChainBuilder.class);

    private final AppRepository apps;
    private final AppConfigRepository configs;
    private final long timeoutMillis;
    private final Map<Long, AppCode> appCode = new ConcurrentHashMap<>();

    ChainBuilder(AppRepository apps, AppConfigRepository configs, long timeoutMillis) {
        this.apps = requireNonNull(apps, "apps is null");
        this.configs = requireNonNull(configs, "configs is null");
        this.timeoutMillis = timeoutMillis;
    }

    List<InstanceSpec> chainOf(long teamId) {
        List<InstanceSpec> chain = new ArrayList<>();
        Set<Long> verified = apps.verifiedIds();
        for (AppConfig config : configs.enabledByTeam(teamId)) {
            Optional<AppCode> app = code(config.appId());
            if (app.isEmpty()) {
                // The schema forbids it; a store edited by hand should not stop the tenant's other apps.
                LOG.warn("app config {} of team {} names app {}, which is not installed; skipping it",
                        config.id(), teamId, config.appId());
                continue;
            }
            chain.add(spec(config, app.get(), verified.contains(config.appId())));
        }
        return List.copyOf(chain);
    }

    private Optional<AppCode> code(long appId) {
        AppCode known = appCode.get(appId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<AppCode> read = apps.find(appId).map(AppCode::of);
        read.ifPresent(code -> appCode.put(appId, code));
        return read;
    }

    private InstanceSpec spec(AppConfig config, AppCode app, boolean verified) {
        return new InstanceSpec(config.id(), version(config), config.teamId(), app.id(), app.name(), app.mainFile(),
                app.code(), app.codeHash(), MetaConfig.of(app.manifest(), config.config()).toString(),
                config.attachments(), timeoutMillis, verified);
    }

    /** What a chain needs of an installed app: not its archive. */
    private record AppCode(long id, String name, String mainFile, String code, String codeHash, PluginManifest manifest) {
        static AppCode of(InstalledApp app) {
            return new AppCode(app.id(), app.name(), app.mainFile(), app.code(), app.codeHash(),
                    PluginManifest.parseInstalled(app.id(), app.name(), app.pluginJson()));
        }
    }

    /** The config's version: its update time in microseconds, which every change moves on. */
    static long version(AppConfig config) {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, config.updatedAt());
    }
}
