package dev.appserver.orchestrator.hostservices;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@link AppCache} in Redis: one Redis key per cache key, named {@code namespace + key} (the
 * namespace is PostHog's {@code @plugin/<app>/<team>/}, {@link InstanceBinding#cacheNamespace}), so
 * a PostHog deployment's keys and ours read the same. Each operation is the Redis command of the
 * same name; a Redis error reaches the app in Redis's own words ({@code WRONGTYPE ...},
 * {@code ERR value is not an integer or out of range}), as {@link InMemoryAppCache} writes them.
 *
 * <p>Lifecycle: {@link #connect} opens one connection on the caller's client (which the caller
 * owns and shuts down); lettuce reconnects it on its own after a lost connection. {@link #close}
 * closes the connection.
 *
 * <p>Thread-safe: calls from many threads share the connection (lettuce pipelines them). Each
 * blocks its caller (a host-call thread) for at most the timeout.
 */
public final class RedisAppCache implements AppCache, AutoCloseable {
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final Duration timeout;

    private RedisAppCache(StatefulRedisConnection<String, String> connection, Duration timeout) {
        this.connection = connection;
        this.redis = connection.sync();
        this.timeout = timeout;
    }

    /**
     * Connects to the client's Redis.
     *
     * @param timeout how long one command may wait for Redis's answer
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisAppCache connect(RedisClient client, Duration timeout) {
        requireNonNull(client, "client is null");
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        StatefulRedisConnection<String, String> connection = client.connect();
        connection.setTimeout(timeout);
        return new RedisAppCache(connection, timeout);
    }

    @Override
    public void set(String namespace, String key, String value, long ttlSeconds) {
        // Like Redis's SET (and the in-memory cache): without a TTL, a previous one is cleared.
        run(redis -> ttlSeconds > 0 ? redis.set(namespace + key, value, SetArgs.Builder.ex(ttlSeconds))
                : redis.set(namespace + key, value));
    }

    @Override
    public String get(String namespace, String key) {
        return run(redis -> redis.get(namespace + key));
    }

    @Override
    public long incr(String namespace, String key, long by) {
        return run(redis -> redis.incrby(namespace + key, by));
    }

    /** Redis's EXPIRE, which deletes the key itself for a non-positive TTL. */
    @Override
    public boolean expire(String namespace, String key, long ttlSeconds) {
        return run(redis -> redis.expire(namespace + key, ttlSeconds));
    }

    @Override
    public long lpush(String namespace, String key, List<String> values) {
        if (values.isEmpty()) {
            // LPUSH with no values is a Redis syntax error; the in-memory cache answers the length.
            return llen(namespace, key);
        }
        return run(redis -> redis.lpush(namespace + key, values.toArray(String[]::new)));
    }

    @Override
    public List<String> lrange(String namespace, String key, long start, long stop) {
        return run(redis -> redis.lrange(namespace + key, start, stop));
    }

    @Override
    public long llen(String namespace, String key) {
        return run(redis -> redis.llen(namespace + key));
    }

    @Override
    public List<String> lpop(String namespace, String key, long count) {
        if (count <= 0) {
            // Redis refuses a negative count and answers nothing for 0; the in-memory cache pops
            // nothing, after checking the key's type as LLEN does.
            llen(namespace, key);
            return List.of();
        }
        return run(redis -> redis.lpop(namespace + key, count));
    }

    @Override
    public long lrem(String namespace, String key, long count, String value) {
        return run(redis -> redis.lrem(namespace + key, count, value));
    }

    @Override
    public void close() {
        connection.close();
    }

    /** Runs one command, turning lettuce's failures into errors in the words an app should read. */
    private <T> T run(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(redis);
        } catch (RedisCommandExecutionException e) {
            throw new IllegalStateException(e.getMessage(), e); // Redis's own error, e.g. WRONGTYPE ...
        } catch (RedisCommandTimeoutException e) {
            throw new IllegalStateException("meta.cache: Redis did not answer within " + timeout.toMillis() + " ms", e);
        } catch (RedisException e) {
            throw new IllegalStateException("meta.cache: Redis cannot be reached: " + e.getMessage(), e);
        }
    }
}
