package dev.appserver.orchestrator.routing;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each installed app exports ({@code processEvent}, {@code onEvent}, {@code exportEvents},
 * {@code runEveryMinute}, ...), as the first worker that loaded it found
 * ({@link InstalledApp#capabilities}). An app's code never changes, so what is known is cached; an
 * app never loaded anywhere yet exports nothing as far as this says. Thread-safe.
 */
public final class AppCapabilities {
    private final AppRepository apps;
    private final Map<Long, List<String>> known = new ConcurrentHashMap<>();

    public AppCapabilities(AppRepository apps) {
        this.apps = requireNonNull(apps, "apps is null");
    }

    /** Whether app {@code appId} is known to export {@code name}. */
    public boolean exports(long appId, String name) {
        List<String> names = names(appId);
        return names != null && names.contains(name);
    }

    /**
     * Whether app {@code appId} exports {@code name} or may: true while no worker has loaded it yet
     * (a call to it loads it, and then its capabilities are known).
     */
    public boolean mayExport(long appId, String name) {
        List<String> names = names(appId);
        return names == null || names.contains(name);
    }

    private List<String> names(long appId) {
        List<String> names = known.get(appId);
        if (names == null) {
            names = apps.find(appId).flatMap(InstalledApp::capabilities).orElse(null);
            if (names != null) {
                known.put(appId, names);
            }
        }
        return names;
    }
}
