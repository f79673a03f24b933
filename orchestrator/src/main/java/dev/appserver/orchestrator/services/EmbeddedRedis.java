package dev.appserver.orchestrator.services;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * Redis 6.2 from the binaries in the embedded-redis library, a child process of this JVM with its
 * data in one directory: an append-only file fsynced every second, replayed on the next start.
 * The configuration is written to {@code redis.conf} there on every start.
 *
 * <p>Thread safety: {@link #start()} and {@link #close()} are synchronized.
 */
public final class EmbeddedRedis implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final String PID_FILE = "redis.pid";
    private static final int FREE_PORT_ATTEMPTS = 3;
    private static File binary;

    private final Path directory;
    private final int requestedPort;
    private final IntSupplier freePorts;

    private ServiceState state = ServiceState.NEW;
    private DirectoryLock lock;
    private RedisServer server;
    private OrphanGuard guard;
    private volatile int port;

    /** @param port the port on 127.0.0.1; 0 picks a free one */
    public EmbeddedRedis(Path directory, int port) {
        this(directory, port, LoopbackPorts::free);
    }

    /** @param freePorts where port 0 gets its ports from (tests hand out a taken one first) */
    EmbeddedRedis(Path directory, int port, IntSupplier freePorts) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
        this.requestedPort = LoopbackPorts.requireValid(port);
        this.freePorts = requireNonNull(freePorts, "freePorts is null");
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public synchronized void start() throws ServiceStartException {
        state.requireStartable(name());
        state = ServiceState.CLOSED; // until the start succeeds
        lock = DirectoryLock.acquire(name(), directory);
        try {
            LeftoverProcess.stopIfRunning(directory.resolve(PID_FILE), "redis-server", Duration.ofSeconds(30));
            startOnAPort();
            long pid = LeftoverProcess.readPid(directory.resolve(PID_FILE))
                    .orElseThrow(() -> new IOException("no pid in " + directory.resolve(PID_FILE)));
            guard = OrphanGuard.watch(pid, "TERM"); // Redis fsyncs its append-only file and exits
            state = ServiceState.RUNNING;
        } catch (ServiceStartException e) {
            stop();
            throw e;
        } catch (IOException | RuntimeException e) {
            stop();
            throw new ServiceStartException("redis failed to start in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the server on the requested port, or on a free one. A free port is only free when it
     * was looked at: another process (a client's outgoing connection, say) may take it before Redis
     * binds it, and Redis then exits. So with port 0 a failed start is tried again on another free
     * port, a few times.
     */
    private void startOnAPort() throws IOException, PortInUseException {
        for (int attempt = 1; ; attempt++) {
            port = requestedPort == 0 ? freePorts.getAsInt() : LoopbackPorts.claim(name(), requestedPort);
            Path config = directory.resolve("redis.conf");
            Files.writeString(config, configuration(), StandardCharsets.UTF_8);
            server = new RedisServer(port, List.of(binary().getAbsolutePath(), config.toString()), false,
                    line -> LOG.debug("{}", line), line -> LOG.warn("{}", line));
            try {
                server.start(); // returns once Redis logs that it accepts connections
                return;
            } catch (IOException e) {
                stopFailedStart();
                String why = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
                if (requestedPort != 0 || attempt == FREE_PORT_ATTEMPTS) {
                    throw new IOException(why, e);
                }
                LOG.warn("redis did not start on free port {} ({}); trying another port", port, why);
            }
        }
    }

    /** A Redis that did not get ready has usually exited already (it could not bind); stop it if not. */
    private void stopFailedStart() {
        try {
            server.stop();
        } catch (IOException e) {
            LOG.debug("stopping a redis that did not start: {}", e.toString());
        }
        server = null;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://" + LoopbackPorts.HOST + ":" + port;
    }

    @Override
    public String listensOn() {
        return LoopbackPorts.HOST + ":" + port;
    }

    @Override
    public synchronized void close() {
        state = ServiceState.CLOSED;
        stop();
    }

    private String configuration() {
        return String.join("\n",
                "bind " + LoopbackPorts.HOST,
                "port " + port,
                "protected-mode yes",
                "daemonize no",
                "dir " + quoted(directory),
                "pidfile " + quoted(directory.resolve(PID_FILE)),
                "logfile \"\"",
                "appendonly yes",
                "appendfsync everysec",
                "save \"\"",
                "");
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The server binary, extracted from the library's jar once per JVM. */
    private static synchronized File binary() throws IOException {
        if (binary == null || !binary.canExecute()) {
            binary = ExecutableProvider.newJarResourceProvider().get();
        }
        return binary;
    }

    private void stop() {
        if (guard != null) {
            guard.close();
            guard = null;
        }
        if (server != null) {
            try {
                server.stop(); // SIGTERM, then waits for the process to exit
            } catch (IOException e) {
                LOG.warn("redis in {} did not stop cleanly: {}", directory, e.toString());
            }
            server = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
