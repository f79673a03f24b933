package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

/**
 * An app that passed loading and is about to be installed: everything of an {@link InstalledApp}
 * but what the repository assigns.
 *
 * @param name the app's display name
 * @param pluginJson {@code plugin.json} as JSON text
 * @param archive the app's files as a zip or tar.gz archive (shared, not copied: do not modify)
 * @param contentHash hex SHA-256 identifying the app's files; two installs with the same hash are
 *     the same app
 * @param code the transpiled main file
 * @param codeHash hex SHA-256 of {@code code}
 * @param mainFile the main file's name inside the app
 */
public record NewApp(
        String name, String pluginJson, byte[] archive, String contentHash, String code, String codeHash, String mainFile) {
    public NewApp {
        requireNonNull(name, "name is null");
        requireNonNull(pluginJson, "pluginJson is null");
        requireNonNull(archive, "archive is null");
        requireNonNull(contentHash, "contentHash is null");
        requireNonNull(code, "code is null");
        requireNonNull(codeHash, "codeHash is null");
        requireNonNull(mainFile, "mainFile is null");
    }
}
