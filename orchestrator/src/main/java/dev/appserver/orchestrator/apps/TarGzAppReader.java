package dev.appserver.orchestrator.apps;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads an app from a gzip-compressed tar archive (what {@code npm pack} and GitHub produce),
 * streaming it once. Symbolic and hard links become copies of the file they name inside the
 * archive; links outside it, and device or FIFO entries, fail the load.
 */
final class TarGzAppReader {
    private TarGzAppReader() {}

    static AppFiles read(Path archive, AppFileCollector collector) throws AppLoadException {
        String app = archive.toString();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                InputStream gzip = GzipCompressorInputStream.builder().setInputStream(file).get();
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                readEntry(app, tar, entry, collector);
            }
        } catch (IOException | RuntimeException e) {
            throw new AppLoadException(app, "not a readable .tgz archive", e);
        }
        return collector.finish(true);
    }

    private static void readEntry(String app, TarArchiveInputStream tar, TarArchiveEntry entry,
            AppFileCollector collector) throws AppLoadException, IOException {
        Optional<String> name = collector.accept(entry.getName());
        if (name.isEmpty()) {
            // Skipping still decompresses the entry's data, so it counts against the size limit.
            collector.countSkipped(entry.getSize());
            return;
        }
        if (entry.isDirectory()) {
            return;
        }
        if (entry.isSymbolicLink()) {
            collector.addLink(name.get(), EntryNames.folderOf(name.get()), entry.getLinkName());
        } else if (entry.isLink()) {
            collector.addLink(name.get(), "", entry.getLinkName());
        } else if (entry.isFile()) {
            collector.addFile(name.get(), tar);
        } else {
            throw new AppLoadException(app, "'" + name.get() + "' is a device, FIFO or other special file");
        }
    }
}
