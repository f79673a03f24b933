package dev.appserver.orchestrator.scheduling;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/**
 * {@link Leases} in Redis: a lease is a key holding its holder's name with a time to live in
 * milliseconds ({@code SET NX PX}); renewing and releasing compare the holder first, in one Lua
 * script each, so nobody renews or drops a lease another has taken since. Lease times run on
 * Redis's clock. Keys are under {@code appserver:lease:}. Thread-safe (one shared connection).
 */
public final class RedisLeases implements Leases, AutoCloseable {
    private static final String PREFIX = "appserver:lease:";
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('del', KEYS[1]) else return 0 end";

    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    private RedisLeases(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
        this.redis = connection.sync();
    }

    /** Connects on {@code client}; each command waits at most {@code timeout}. */
    public static RedisLeases connect(RedisClient client, Duration timeout) {
        StatefulRedisConnection<String, String> connection = requireNonNull(client, "client is null").connect();
        connection.setTimeout(requireNonNull(timeout, "timeout is null"));
        return new RedisLeases(connection);
    }

    @Override
    public boolean acquireOrRenew(String name, String holder, Duration lease) {
        String key = PREFIX + name;
        if ("OK".equals(redis.set(key, holder, SetArgs.Builder.nx().px(lease.toMillis())))) {
            return true;
        }
        Long renewed = redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, holder, Long.toString(lease.toMillis()));
        return renewed != null && renewed == 1;
    }

    @Override
    public void release(String name, String holder) {
        redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {PREFIX + name}, holder);
    }

    @Override
    public boolean claimOnce(String name, Duration ttl) {
        return "OK".equals(redis.set(PREFIX + name, "claimed", SetArgs.Builder.nx().px(ttl.toMillis())));
    }

    @Override
    public void close() {
        connection.close();
    }
}
