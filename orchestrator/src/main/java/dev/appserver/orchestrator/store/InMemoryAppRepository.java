package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link AppRepository} in memory, for tests and {@code run-app}. Creation times are truncated to
 * microseconds, as PostgreSQL stores them. Thread-safe (one lock).
 */
public final class InMemoryAppRepository implements AppRepository {
    private final Clock clock;
    private final Map<Long, InstalledApp> apps = new TreeMap<>();
    private long lastId;

    public InMemoryAppRepository(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized InstalledApp install(NewApp app) {
        Optional<InstalledApp> existing = findByContentHash(app.contentHash());
        if (existing.isPresent()) {
            return existing.get();
        }
        InstalledApp installed = new InstalledApp(++lastId, app.name(), app.pluginJson(), app.archive(),
                app.contentHash(), app.code(), app.codeHash(), app.mainFile(), Optional.empty(), false,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        apps.put(installed.id(), installed);
        return installed;
    }

    @Override
    public synchronized Optional<InstalledApp> find(long id) {
        return Optional.ofNullable(apps.get(id));
    }

    @Override
    public synchronized Optional<InstalledApp> findByContentHash(String contentHash) {
        return apps.values().stream().filter(app -> app.contentHash().equals(contentHash)).findFirst();
    }

    @Override
    public synchronized List<InstalledApp> list() {
        return List.copyOf(apps.values());
    }

    @Override
    public synchronized boolean recordCapabilities(long id, List<String> capabilities) {
        InstalledApp app = apps.get(id);
        if (app == null) {
            return false;
        }
        apps.put(id, new InstalledApp(app.id(), app.name(), app.pluginJson(), app.archive(), app.contentHash(),
                app.code(), app.codeHash(), app.mainFile(), Optional.of(capabilities), app.verified(), app.createdAt()));
        return true;
    }

    @Override
    public synchronized boolean setVerified(long id, boolean verified) {
        InstalledApp app = apps.get(id);
        if (app == null) {
            return false;
        }
        apps.put(id, new InstalledApp(app.id(), app.name(), app.pluginJson(), app.archive(), app.contentHash(),
                app.code(), app.codeHash(), app.mainFile(), app.capabilities(), verified, app.createdAt()));
        return true;
    }

    @Override
    public synchronized Set<Long> verifiedIds() {
        return apps.values().stream().filter(InstalledApp::verified).map(InstalledApp::id)
                .collect(Collectors.toUnmodifiableSet());
    }
}
