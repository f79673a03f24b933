package dev.appserver.orchestrator.apps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads an app from a zip archive. Unix symbolic-link entries become copies of the file they name
 * inside the archive; links that point outside it fail the load.
 *
 * <p>The archive file itself may be no larger than the uncompressed limit: the zip central
 * directory is parsed whole before the first entry is counted, so this bounds that work too.
 */
final class ZipAppReader {
    /** Link targets are paths, not contents: anything longer is not a real link. */
    private static final int MAX_LINK_TARGET_BYTES = 4096;

    private ZipAppReader() {}

    static AppFiles read(Path archive, AppFileCollector collector) throws AppLoadException {
        String app = archive.toString();
        try {
            collector.checkArchiveSize(Files.size(archive));
        } catch (IOException e) {
            throw new AppLoadException(app, "cannot be read (" + e.getMessage() + ")", e);
        }
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                readEntry(app, zip, entries.nextElement(), collector);
            }
        } catch (IOException | RuntimeException e) {
            // commons-compress reports malformed archives with assorted runtime exceptions too.
            throw new AppLoadException(app, "not a readable zip archive", e);
        }
        return collector.finish(true);
    }

    private static void readEntry(String app, ZipFile zip, ZipArchiveEntry entry, AppFileCollector collector)
            throws AppLoadException, IOException {
        Optional<String> name = collector.accept(entry.getName());
        if (name.isEmpty() || entry.isDirectory()) {
            return;
        }
        if (!zip.canReadEntryData(entry)) {
            throw new AppLoadException(app, "'" + name.get() + "' is encrypted or uses an unsupported compression method");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            if (entry.isUnixSymlink()) {
                String target = new String(in.readNBytes(MAX_LINK_TARGET_BYTES), StandardCharsets.UTF_8);
                collector.addLink(name.get(), EntryNames.folderOf(name.get()), target);
            } else {
                collector.addFile(name.get(), in);
            }
        }
    }
}
