package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads an app into memory from a directory, a {@code .zip}, or a {@code .tgz}/{@code .tar.gz}.
 * Archives are recognised by their first bytes, so a file of either kind works under any name;
 * the name only chooses the error message when the contents are unreadable.
 *
 * <p>Stateless and thread-safe.
 */
final class AppReader {
    private static final byte[] ZIP_MAGIC = {'P', 'K'};
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    private final AppReadLimits limits;

    AppReader(AppReadLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    AppFiles read(Path appPath) throws AppLoadException {
        String app = appPath.toString();
        if (Files.isDirectory(appPath)) {
            return DirectoryAppReader.read(appPath, new AppFileCollector(app, limits));
        }
        if (!Files.exists(appPath, LinkOption.NOFOLLOW_LINKS)) {
            throw new AppLoadException(app, "no such file or directory");
        }
        if (!Files.isRegularFile(appPath)) {
            throw new AppLoadException(app, "not a directory, .zip, .tgz or .tar.gz");
        }
        byte[] magic = readMagic(app, appPath);
        String name = appPath.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Arrays.equals(magic, ZIP_MAGIC) || name.endsWith(".zip")) {
            return ZipAppReader.read(appPath, new AppFileCollector(app, limits));
        }
        if (Arrays.equals(magic, GZIP_MAGIC) || name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
            return TarGzAppReader.read(appPath, new AppFileCollector(app, limits));
        }
        throw new AppLoadException(app, "not a directory, .zip, .tgz or .tar.gz");
    }

    /** The app's name when {@code plugin.json} has none: the folder or archive name without extension. */
    static String baseName(Path appPath) {
        Path name = appPath.toAbsolutePath().normalize().getFileName();
        if (name == null) {
            return appPath.toString();
        }
        String base = name.toString();
        for (String extension : new String[] {".tar.gz", ".tgz", ".zip"}) {
            if (base.toLowerCase(Locale.ROOT).endsWith(extension) && base.length() > extension.length()) {
                return base.substring(0, base.length() - extension.length());
            }
        }
        return base;
    }

    private static byte[] readMagic(String app, Path file) throws AppLoadException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(2);
        } catch (IOException e) {
            throw new AppLoadException(app, "cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
