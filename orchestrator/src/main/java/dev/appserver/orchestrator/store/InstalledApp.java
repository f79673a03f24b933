package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An installed app: code plus {@code plugin.json}, installed once and used by many tenants'
 * app configs. Immutable but for {@code archive}, which is shared, not copied.
 *
 * @param id assigned by the repository, positive
 * @param name the app's display name ({@code plugin.json}'s name, else the file name)
 * @param pluginJson {@code plugin.json} as JSON text
 * @param archive the app's files as a zip or tar.gz archive
 * @param contentHash hex SHA-256 identifying the app's files
 * @param code the transpiled main file
 * @param codeHash hex SHA-256 of {@code code}
 * @param mainFile the main file's name inside the app
 * @param capabilities the functions the app exports ({@code processEvent}, {@code onEvent}, ...),
 *     once a worker has loaded it; empty until then
 * @param verified whether the app was reviewed and may run in the verified pool
 * @param createdAt when it was installed
 */
public record InstalledApp(
        long id,
        String name,
        String pluginJson,
        byte[] archive,
        String contentHash,
        String code,
        String codeHash,
        String mainFile,
        Optional<List<String>> capabilities,
        boolean verified,
        Instant createdAt) {
    public InstalledApp {
        requireNonNull(name, "name is null");
        requireNonNull(pluginJson, "pluginJson is null");
        requireNonNull(archive, "archive is null");
        requireNonNull(contentHash, "contentHash is null");
        requireNonNull(code, "code is null");
        requireNonNull(codeHash, "codeHash is null");
        requireNonNull(mainFile, "mainFile is null");
        capabilities = requireNonNull(capabilities, "capabilities is null").map(List::copyOf);
        requireNonNull(createdAt, "createdAt is null");
    }
}
