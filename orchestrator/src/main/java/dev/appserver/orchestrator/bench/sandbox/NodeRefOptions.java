package dev.appserver.orchestrator.bench.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the benches that compare with node-ref find it and the node binary (a picocli mixin). */
public final class NodeRefOptions {
    @Option(names = "--node-ref", paramLabel = "DIR",
            description = "node-ref's directory (default: ../shared/bench/node-ref when it is there).")
    Path nodeRef;

    @Option(names = "--no-node-ref", description = "Leave node-ref out.")
    boolean noNodeRef;

    @Option(names = "--node", paramLabel = "PATH", defaultValue = "node",
            description = "The node binary (default: ${DEFAULT-VALUE}).")
    String node;

    /** @return why the options cannot be used together, or null */
    public String unusable() {
        return noNodeRef && nodeRef != null ? "--node-ref and --no-node-ref exclude each other" : null;
    }

    /** node-ref's directory: the one given, else the default when it is there; empty to leave it out. */
    public Optional<Path> directory() {
        if (noNodeRef) {
            return Optional.empty();
        }
        Path dir = nodeRef != null ? nodeRef : Path.of("..", "shared", "bench", "node-ref");
        return nodeRef != null || Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
    }

    public String node() {
        return node;
    }
}
