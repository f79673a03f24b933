package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.apps.AppLoadException;
import dev.appserver.orchestrator.apps.AppLoader;
import dev.appserver.orchestrator.apps.LoadedApp;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.store.NewApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Installs apps: loads them with {@link AppLoader} (so a bad {@code plugin.json}, a syntax error
 * or a disallowed import stores nothing, and the reason is a 400) and stores what loaded.
 * Thread-safe.
 */
final class AppInstaller {
    private final AppLoader loader;
    private final AppRepository apps;

    AppInstaller(AppLoader loader, AppRepository apps) {
        this.loader = requireNonNull(loader, "loader is null");
        this.apps = requireNonNull(apps, "apps is null");
    }

    /** The outcome of an install: the app, and whether it is new or was installed before. */
    record Installation(InstalledApp app, boolean created) {}

    /**
     * Installs an uploaded zip or tarball.
     *
     * @param fileName the uploaded file's name, for the app's name when {@code plugin.json} has none
     */
    Installation installArchive(byte[] archive, String fileName) {
        Path directory = createTempDirectory();
        Path file = directory.resolve(safeFileName(fileName));
        try {
            Files.write(file, archive);
            try {
                return install(loader.load(file), archive);
            } catch (AppLoadException e) {
                // The temporary path means nothing to whoever uploaded the archive.
                throw ApiException.badRequest(e.getMessage().replace(file.toString(), fileName));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the uploaded archive to " + file, e);
        } finally {
            deleteQuietly(directory);
        }
    }

    /** Installs the app in a directory, zip or tarball on the server's file system. */
    Installation installPath(Path path) {
        LoadedApp app;
        try {
            app = loader.load(path);
        } catch (AppLoadException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return install(app, AppContent.zip(app.files()));
    }

    private Installation install(LoadedApp app, byte[] archive) {
        String contentHash = AppContent.hash(app.files());
        Optional<InstalledApp> existing = apps.findByContentHash(contentHash);
        if (existing.isPresent()) {
            return new Installation(existing.get(), false);
        }
        String pluginJson = new String(app.files().get("plugin.json").orElseThrow(), StandardCharsets.UTF_8);
        InstalledApp installed = apps.install(new NewApp(
                app.displayName(), pluginJson, archive, contentHash, app.code(), app.codeHash(), app.mainFile()));
        return new Installation(installed, true);
    }

    /** The last path segment with anything but letters, digits, dot, dash and underscore replaced. */
    static String safeFileName(String fileName) {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "upload" : safe;
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("appserver-upload-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for an upload", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover upload in the temporary directory does no harm.
        }
    }
}
