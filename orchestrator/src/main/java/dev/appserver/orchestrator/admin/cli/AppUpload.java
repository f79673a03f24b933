package dev.appserver.orchestrator.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Sends an app to {@code POST /api/apps}: an archive as is, a directory zipped on the way. */
final class AppUpload {
    private AppUpload() {}

    static JsonNode install(AdminClient client, String argument, boolean serverPath) throws AdminCallException {
        Path path = Path.of(argument).toAbsolutePath().normalize();
        if (serverPath) {
            return client.postJson("api/apps", JsonNodeFactory.instance.objectNode().put("path", path.toString()));
        }
        String fileName = path.getFileName() == null ? "app" : path.getFileName().toString();
        String query = "api/apps?file_name=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8);
        try {
            if (Files.isDirectory(path)) {
                return client.postBytes(query, zip(path), "application/zip");
            }
            if (Files.isRegularFile(path)) {
                return client.postBytes(query, Files.readAllBytes(path), "application/octet-stream");
            }
        } catch (IOException e) {
            throw new AdminCallException(argument + ": cannot be read (" + e.getMessage() + ")", 2);
        }
        throw new AdminCallException(argument + ": no such file or directory", 2);
    }

    /** The directory's regular files, by relative name; the server checks names and limits. */
    private static byte[] zip(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(directory.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
