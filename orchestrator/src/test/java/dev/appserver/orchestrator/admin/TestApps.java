package dev.appserver.orchestrator.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small apps for the admin API tests, as zip bytes or directories. */
final class TestApps {
    static final String GREETER_PLUGIN_JSON = """
            {"name": "Greeter", "description": "Adds a greeting",
             "config": [
               {"markdown": "Say hello"},
               {"key": "greeting", "type": "string", "required": true, "default": "hello"},
               {"key": "mode", "type": "choice", "choices": ["loud", "quiet"], "default": "quiet"},
               {"key": "apiKey", "type": "string", "secret": true},
               {"key": "team", "type": "string", "required": true},
               {"key": "logo", "type": "attachment"}
             ]}""";
    static final String GREETER_CODE = "export function processEvent(event, { config }) {\n"
            + "    event.properties.greeting = config.greeting\n    return event\n}\n";

    private TestApps() {}

    static byte[] greeter() {
        return zip("plugin.json", GREETER_PLUGIN_JSON, "index.js", GREETER_CODE);
    }

    static byte[] minimal(String name) {
        return zip("plugin.json", "{\"name\": \"" + name + "\"}", "index.js", "export const processEvent = e => e\n");
    }

    static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path directory(Path directory, String... namesAndContents) throws IOException {
        Files.createDirectories(directory);
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Files.writeString(directory.resolve(namesAndContents[i]), namesAndContents[i + 1]);
        }
        return directory;
    }
}
