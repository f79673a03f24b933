package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

/**
 * An app that loaded: its manifest and its code, transpiled to CommonJS and checked against the
 * import allowlist, ready to be sent to a sandbox worker.
 *
 * @param displayName {@code plugin.json}'s name, else the folder or archive name; used in
 *     {@code $plugins_succeeded} entries and messages
 * @param manifest the parsed {@code plugin.json}
 * @param mainFile the main file's name inside the app, e.g. {@code index.ts}
 * @param code the transpiled main file
 * @param codeHash hex SHA-256 of {@code code} (UTF-8), identifying this version of the app
 * @param files every file of the app as read, for attachments
 */
public record LoadedApp(
        String displayName, PluginManifest manifest, String mainFile, String code, String codeHash, AppFiles files) {
    public LoadedApp {
        requireNonNull(displayName, "displayName is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(mainFile, "mainFile is null");
        requireNonNull(code, "code is null");
        requireNonNull(codeHash, "codeHash is null");
        requireNonNull(files, "files is null");
    }
}
