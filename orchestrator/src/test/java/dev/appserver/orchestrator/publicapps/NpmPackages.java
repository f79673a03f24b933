package dev.appserver.orchestrator.publicapps;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Public PostHog apps fetched from the npm registry with {@code npm pack}, into
 * {@code orchestrator/target/npm-cache/} and reused from there. Their code is not ours and is
 * never committed. When npm is missing or the registry cannot be reached, the calling test is
 * aborted (reported as skipped) with the reason, so that it can never pass without running.
 */
final class NpmPackages {
    private static final long NPM_TIMEOUT_SECONDS = 180;
    /** Why a package could not be fetched, so later tests skip at once instead of asking npm again. */
    private static final Map<String, String> UNAVAILABLE = new ConcurrentHashMap<>();

    private NpmPackages() {}

    /** The {@code .tgz} of {@code name@version}, e.g. {@code @posthog/geoip-plugin} 0.0.7. */
    static Path archive(String name, String version) throws IOException, InterruptedException {
        Path cache = cacheDirectory();
        // npm pack's file name: the scope's '@' dropped and its '/' turned into '-'.
        Path archive = cache.resolve(name.replace("@", "").replace('/', '-') + "-" + version + ".tgz");
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        String spec = name + "@" + version;
        if (UNAVAILABLE.containsKey(spec)) {
            skip(spec, UNAVAILABLE.get(spec));
        }
        Files.createDirectories(cache);
        Path log = cache.resolve("npm-pack.log");
        Process npm;
        try {
            npm = new ProcessBuilder(List.of("npm", "pack", name + "@" + version, "--pack-destination", cache.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException notInstalled) {
            return skip(spec, "cannot run `npm` (" + notInstalled.getMessage() + "); install npm to run the public-app tests");
        }
        if (!npm.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            npm.destroyForcibly();
            return skip(spec, "`npm pack` did not finish in " + NPM_TIMEOUT_SECONDS + " s; is the npm registry reachable?");
        }
        if (npm.exitValue() != 0 || !Files.isRegularFile(archive)) {
            return skip(spec, "`npm pack` failed (exit " + npm.exitValue() + "); is the npm registry reachable? npm said: "
                    + Files.readString(log, StandardCharsets.UTF_8).strip());
        }
        return archive;
    }

    /** Aborts the calling test, and says so on standard error too, where a build log shows it. */
    private static Path skip(String spec, String reason) {
        UNAVAILABLE.put(spec, reason);
        String message = "SKIPPED: public app " + spec + " could not be fetched from the npm registry: " + reason;
        System.err.println(message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable: Assumptions.abort throws");
    }

    /** {@code archive} unpacked (once) next to it; returns the folder npm packs everything in. */
    static Path unpacked(Path archive) throws IOException {
        String base = archive.getFileName().toString().replaceFirst("\\.tgz$", "");
        Path target = archive.resolveSibling(base);
        Path packageFolder = target.resolve("package");
        if (Files.isDirectory(packageFolder)) {
            return packageFolder;
        }
        Path partial = Files.createTempDirectory(archive.getParent(), base + ".partial");
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                InputStream gzip = GzipCompressorInputStream.builder().setInputStream(file).get();
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                Path destination = partial.resolve(entry.getName()).normalize();
                // Registry content is untrusted: an entry may not climb out of the folder.
                if (!destination.startsWith(partial)) {
                    throw new IOException(archive + " has an entry outside its folder: " + entry.getName());
                }
                Files.createDirectories(destination.getParent());
                Files.copy(tar, destination);
            }
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return packageFolder;
    }

    private static Path cacheDirectory() {
        String home = System.getProperty("appserver.home");
        if (home == null) {
            throw new IllegalStateException("system property appserver.home (the repository root) is not set;"
                    + " run these tests through failsafe: mvn -pl orchestrator verify");
        }
        return Path.of(home, "orchestrator", "target", "npm-cache").toAbsolutePath().normalize();
    }
}
