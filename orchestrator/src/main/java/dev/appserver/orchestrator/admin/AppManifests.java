package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.apps.PluginManifest;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import java.util.Optional;

/** The parsed {@code plugin.json} of installed apps, read back from the {@link AppRepository}. Thread-safe. */
final class AppManifests {
    private final AppRepository apps;

    AppManifests(AppRepository apps) {
        this.apps = requireNonNull(apps, "apps is null");
    }

    /** The manifest of app {@code appId}; empty when there is no such app. */
    Optional<PluginManifest> of(long appId) {
        return apps.find(appId).map(AppManifests::parse);
    }

    private static PluginManifest parse(InstalledApp app) {
        return PluginManifest.parseInstalled(app.id(), app.name(), app.pluginJson());
    }
}
