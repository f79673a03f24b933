package dev.appserver.orchestrator.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary directory for the Unix sockets of a pool's workers, removed on close. Its path is
 * short, because a socket path may not be longer than about 100 bytes.
 */
final class SocketDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketDirectory.class);

    private final Path path;

    private SocketDirectory(Path path) {
        this.path = path;
    }

    static SocketDirectory create() throws WorkerStartException {
        try {
            return new SocketDirectory(Files.createTempDirectory("appserver-pool-"));
        } catch (IOException e) {
            throw new WorkerStartException("cannot create a directory for worker sockets: " + e.getMessage());
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try (var files = Files.list(path)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("leftover socket directory {}: {}", path, e.toString());
        }
    }
}
