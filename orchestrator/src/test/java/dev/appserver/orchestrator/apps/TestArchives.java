package dev.appserver.orchestrator.apps;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds app directories and archives for tests, entry names written exactly as given (so
 * hostile names such as {@code ../evil.js} reach the reader unchanged).
 *
 * <p>Entries are added in order: a name ending in {@code /} is a directory, a value starting with
 * {@link #SYMLINK} is a symbolic link to the rest of the value, anything else a file.
 */
final class TestArchives {
    static final String SYMLINK = "symlink:";

    private final Map<String, String> entries = new LinkedHashMap<>();

    static TestArchives of(String... namesAndContents) {
        TestArchives archives = new TestArchives();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            archives.entries.put(namesAndContents[i], namesAndContents[i + 1]);
        }
        return archives;
    }

    /** The smallest app that loads: a plugin.json and an index.js. */
    static TestArchives minimalApp(String prefix) {
        return of(prefix + "plugin.json", "{\"name\": \"Minimal\"}",
                prefix + "index.js", "export function processEvent(event) { return event }");
    }

    TestArchives with(String name, String contents) {
        entries.put(name, contents);
        return this;
    }

    Path writeDirectory(Path directory) throws IOException {
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            Path path = directory.resolve(entry.getKey());
            if (entry.getKey().endsWith("/")) {
                Files.createDirectories(path);
            } else if (entry.getValue().startsWith(SYMLINK)) {
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getValue().substring(SYMLINK.length())));
            } else {
                Files.createDirectories(path.getParent());
                Files.writeString(path, entry.getValue());
            }
        }
        return directory;
    }

    Path writeZip(Path file) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                String contents = entry.getValue();
                if (contents.startsWith(SYMLINK)) {
                    zipEntry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                    contents = contents.substring(SYMLINK.length());
                }
                zip.putArchiveEntry(zipEntry);
                zip.write(contents.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return file;
    }

    Path writeTgz(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String contents = entry.getValue();
                // preserveAbsolutePath: keep names such as /etc/passwd as written.
                TarArchiveEntry tarEntry;
                if (contents.startsWith(SYMLINK)) {
                    tarEntry = new TarArchiveEntry(entry.getKey(), TarConstants.LF_SYMLINK, true);
                    tarEntry.setLinkName(contents.substring(SYMLINK.length()));
                    contents = "";
                } else {
                    tarEntry = new TarArchiveEntry(entry.getKey(), true);
                }
                byte[] bytes = contents.getBytes(StandardCharsets.UTF_8);
                if (!tarEntry.isDirectory()) {
                    tarEntry.setSize(bytes.length);
                }
                tar.putArchiveEntry(tarEntry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
