package dev.appserver.orchestrator.reload;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.admin.ConfigChange;
import dev.appserver.orchestrator.admin.ConfigChangeListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes reload messages on the Redis pub/sub channel {@value #CHANNEL}; as the admin API's
 * {@link ConfigChangeListener}, publishes a {@link ConfigReload} for every stored change.
 *
 * <p>Never throws. When Redis cannot be reached, or does not confirm within the timeout, the
 * message is dropped with a warning: the change is already stored, and every orchestrator's
 * periodic full refresh picks it up, only later. Failing the admin request instead would report a
 * stored change as failed.
 *
 * <p>Lifecycle: connects on the first publish, so Redis may be down when this is made; lettuce
 * then reconnects on its own after a lost connection, and a publish that fails to connect tries
 * again on the next one. {@link #close()} closes the connection, not the client, which the caller
 * owns.
 *
 * <p>Thread-safe: concurrent publishes share one connection. A publish blocks its caller (an admin
 * request thread) for at most the timeout, plus the client's connect timeout when it has to connect.
 */
public final class RedisReloadPublisher implements ReloadPublisher, ConfigChangeListener, AutoCloseable {
    /** PostHog's channel: its own bare messages on it read as {@link FullReload}. */
    public static final String CHANNEL = "reload-plugins";

    private static final Logger LOG = LoggerFactory.getLogger(RedisReloadPublisher.class);

    private final RedisClient client;
    private final Duration timeout;
    private StatefulRedisConnection<String, String> connection; // guarded by this
    private boolean closed; // guarded by this

    /** @param timeout how long a publish waits for Redis to confirm it */
    public RedisReloadPublisher(RedisClient client, Duration timeout) {
        this.client = requireNonNull(client, "client is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    @Override
    public void configChanged(ConfigChange change) {
        publish(ConfigReload.of(change));
    }

    @Override
    public void publish(ReloadMessage message) {
        requireNonNull(message, "message is null");
        try {
            long receivers = connection().sync().publish(CHANNEL, ReloadMessageJson.encode(message));
            LOG.debug("published {} to {} subscribers", message, receivers);
        } catch (RuntimeException e) {
            LOG.warn("could not publish {} on Redis channel {}: {}; the change is stored, and orchestrators "
                    + "will pick it up at their next periodic refresh", message, CHANNEL, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private synchronized StatefulRedisConnection<String, String> connection() {
        if (closed) {
            throw new IllegalStateException("the publisher is closed");
        }
        if (connection == null) {
            StatefulRedisConnection<String, String> connected = client.connect();
            connected.setTimeout(timeout);
            connection = connected;
        }
        return connection;
    }
}
