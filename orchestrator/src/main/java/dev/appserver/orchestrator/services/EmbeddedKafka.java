package dev.appserver.orchestrator.services;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker running inside this JVM ({@link KafkaRaftServer}, configured by
 * {@link KafkaBrokerConfig}), with its log in one directory, formatted on first start.
 *
 * <p>Thread safety: {@link #start()} and {@link #close()} are synchronized; the accessors may be
 * read from any thread once the start returned.
 */
public final class EmbeddedKafka implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path directory;
    private final int requestedPort;

    private ServiceState state = ServiceState.NEW;
    private DirectoryLock lock;
    private KafkaRaftServer server;
    private volatile int port;

    /** @param port the client port on 127.0.0.1; 0 picks a free one */
    public EmbeddedKafka(Path directory, int port) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
        this.requestedPort = LoopbackPorts.requireValid(port);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void start() throws ServiceStartException {
        state.requireStartable(name());
        state = ServiceState.CLOSED; // until the start succeeds
        lock = DirectoryLock.acquire(name(), directory);
        try {
            port = LoopbackPorts.claim(name(), requestedPort);
            KafkaConfig config = KafkaConfig.fromProps(KafkaBrokerConfig.singleNode(directory, port, LoopbackPorts.free()));
            KafkaLogDirectory.formatIfNew(config, directory);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            state = ServiceState.RUNNING;
        } catch (ServiceStartException e) {
            stop();
            throw e;
        } catch (Exception e) {
            stop();
            throw new ServiceStartException("kafka failed to start in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:PORT}, for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port;
    }

    @Override
    public String listensOn() {
        return bootstrapServers();
    }

    @Override
    public synchronized void close() {
        state = ServiceState.CLOSED;
        stop();
    }

    private void stop() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.warn("kafka in {} did not stop cleanly: {}", directory, e.toString());
            }
            server = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
