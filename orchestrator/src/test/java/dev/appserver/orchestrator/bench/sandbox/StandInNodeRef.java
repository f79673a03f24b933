package dev.appserver.orchestrator.bench.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * node-ref and the node binary stood in for by a script, so that a bench's node-ref plumbing runs
 * without Node: {@link #ANSWERING} answers as node-ref would (every event back, one line each).
 */
public final class StandInNodeRef {
    public static final String ANSWERING = """
            #!/bin/sh
            if [ "$1" = --version ]; then echo v0.0.0-stand-in; exit 0; fi
            [ "$2" = run-app ] || exit 3
            while [ $# -gt 0 ]; do
              if [ "$1" = --events ]; then cat "$2"; exit 0; fi
              shift
            done
            exit 4
            """;

    private StandInNodeRef() {}

    /** A node-ref directory under {@code temp} whose dependencies look installed, so that no npm runs. */
    public static Path directory(Path temp) throws IOException {
        Path nodeRef = Files.createDirectories(temp.resolve("node-ref"));
        Files.writeString(nodeRef.resolve("appserver.js"), "// stand-in\n");
        Files.createDirectories(nodeRef.resolve("node_modules").resolve("typescript"));
        return nodeRef;
    }

    /** An executable under {@code temp} standing in for the node binary. */
    public static Path node(Path temp, String script) throws IOException {
        Path node = temp.resolve("node");
        Files.writeString(node, script);
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        return node;
    }
}
