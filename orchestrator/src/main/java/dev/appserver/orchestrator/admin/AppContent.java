package dev.appserver.orchestrator.admin;

import dev.appserver.orchestrator.apps.AppFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** An app's files as a content hash and as a zip archive. Stateless. */
final class AppContent {
    private static final FileTime EPOCH = FileTime.from(Instant.EPOCH);

    private AppContent() {}

    /**
     * Hex SHA-256 over every file's name and contents in name order: the same files give the same
     * hash whether they came as a directory, a zip or a tarball, under any top folder.
     */
    static String hash(AppFiles files) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(16).putLong(name.length).putLong(file.getValue().length).flip());
            digest.update(name);
            digest.update(file.getValue());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A zip of the files, with fixed timestamps so the same files give the same bytes. */
    static byte[] zip(AppFiles files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setLastModifiedTime(EPOCH);
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
