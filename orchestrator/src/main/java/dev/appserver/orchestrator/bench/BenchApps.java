package dev.appserver.orchestrator.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bundled bench apps, written out as app directories that both appserver and node-ref read. */
public final class BenchApps {
    private static final List<String> FILES = List.of("plugin.json", "index.js");

    private BenchApps() {}

    /** Writes {@code apps} under {@code directory}; @return their directories, in order */
    public static List<Path> write(Path directory, List<String> apps) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String app : apps) {
            Path dir = directory.resolve(app);
            Files.createDirectories(dir);
            for (String file : FILES) {
                try (InputStream in = BenchApps.class.getResourceAsStream("/bench-apps/" + app + "/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("bench app " + app + " has no " + file + " on the class path");
                    }
                    Files.write(dir.resolve(file), in.readAllBytes());
                }
            }
            out.add(dir);
        }
        return out;
    }
}
