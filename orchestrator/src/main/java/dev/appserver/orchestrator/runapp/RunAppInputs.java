package dev.appserver.orchestrator.runapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.appserver.proto.v1.AppAttachment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** run-app's per-app inputs besides the code: config overrides and attachments. */
final class RunAppInputs {
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "json", "application/json", "csv", "text/csv", "txt", "text/plain", "mmdb", "application/octet-stream",
            "html", "text/html", "xml", "application/xml", "png", "image/png", "jpg", "image/jpeg", "gz", "application/gzip");

    private RunAppInputs() {}

    /** One object of overrides per app: {@code --config-file}, then {@code --config} on the first. */
    static List<ObjectNode> configOverrides(RunAppOptions options) throws UsageException {
        int n = options.apps().size();
        List<ObjectNode> overrides = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            overrides.add(EventsFile.EXACT.createObjectNode());
        }
        if (options.configFile() != null) {
            JsonNode file;
            try {
                file = EventsFile.EXACT.readTree(Files.readString(options.configFile()));
            } catch (IOException e) {
                throw new UsageException("--config-file " + options.configFile() + ": " + e.getMessage());
            }
            if (file instanceof ObjectNode object) {
                overrides.get(0).setAll(object);
            } else if (file != null && file.isArray()) {
                for (int i = 0; i < file.size(); i++) {
                    JsonNode entry = file.get(i);
                    if (entry.isNull()) {
                        continue;
                    }
                    if (!(entry instanceof ObjectNode object)) {
                        throw new UsageException("--config-file: entry " + (i + 1) + " is not an object");
                    }
                    if (i < n) {
                        overrides.get(i).setAll(object);
                    }
                }
            } else {
                throw new UsageException("--config-file must hold a JSON object or an array of objects");
            }
        }
        for (String pair : options.configValues()) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--config expects KEY=VALUE: " + pair);
            }
            overrides.get(0).put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return overrides;
    }

    /** {@code KEY=FILE} (first app) or {@code N:KEY=FILE} (N-th app), per app. */
    static List<List<AppAttachment>> attachments(RunAppOptions options) throws UsageException {
        List<List<AppAttachment>> perApp = new ArrayList<>();
        for (int i = 0; i < options.apps().size(); i++) {
            perApp.add(new ArrayList<>());
        }
        for (String spec : options.attachments()) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new UsageException("--attachment expects KEY=FILE or N:KEY=FILE: " + spec);
            }
            String key = spec.substring(0, eq);
            int app = 1;
            int colon = key.indexOf(':');
            if (colon > 0 && key.substring(0, colon).chars().allMatch(Character::isDigit)) {
                app = Integer.parseInt(key.substring(0, colon));
                key = key.substring(colon + 1);
            }
            if (app < 1 || app > perApp.size()) {
                throw new UsageException("--attachment " + spec + ": there is no app " + app);
            }
            Path file = Path.of(spec.substring(eq + 1));
            byte[] contents;
            try {
                contents = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UsageException("--attachment " + spec + ": cannot read " + file + ": " + e.getMessage());
            }
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String type = dot < 0 ? "application/octet-stream"
                    : CONTENT_TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
            perApp.get(app - 1).add(AppAttachment.newBuilder().setKey(key).setContentType(type).setFileName(name)
                    .setContents(ByteString.copyFrom(contents)).build());
        }
        return perApp;
    }
}
