package dev.appserver.orchestrator.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A bench's scratch directory (its servers' data and logs, its apps): deleted on close, or kept and
 * named on standard error when the operator asked to keep it.
 */
public final class BenchScratch implements AutoCloseable {
    private final Path path;
    private final boolean keep;
    private final PrintWriter err;
    private final String command;

    private BenchScratch(Path path, boolean keep, PrintWriter err, String command) {
        this.path = path;
        this.keep = keep;
        this.err = err;
        this.command = command;
    }

    /** @param command the bench's name in messages, e.g. {@code appserver bench end-to-end} */
    public static BenchScratch create(String command, boolean keep, PrintWriter err) throws IOException {
        String prefix = command.replaceAll("[^a-z0-9]+", "-") + "-";
        return new BenchScratch(Files.createTempDirectory(prefix), keep, err, command);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (keep) {
            err.println(command + ": the servers' data and logs are in " + path);
            return;
        }
        try {
            deleteTree(path);
        } catch (IOException e) {
            err.println(command + ": could not delete " + path + ": " + e.getMessage());
        }
    }

    /** Deletes {@code root} and everything below it. */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
