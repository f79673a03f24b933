package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded Redis, shared JVM-wide ({@link SharedServices}), is a usable, persistent Redis 6.2. */
class EmbeddedRedisIT {
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(SharedServices.endpoints().redisUrl());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void setsAndGetsKeys() {
        RedisCommands<String, String> redis = connection.sync();
        redis.set("sets-and-gets", "value");

        assertThat(redis.get("sets-and-gets")).isEqualTo("value");
    }

    @Test
    void popsSeveralElementsAtOnceAsRedis62Does() {
        RedisCommands<String, String> redis = connection.sync();
        redis.rpush("pops-several", "a", "b", "c");

        assertThat(redis.lpop("pops-several", 2)).containsExactly("a", "b");
    }

    @Test
    void keepsAnAppendOnlyFileOnLoopback() {
        Map<String, String> config = connection.sync().configGet("*");

        assertThat(config).containsEntry("appendonly", "yes").containsEntry("bind", "127.0.0.1");
    }
}
