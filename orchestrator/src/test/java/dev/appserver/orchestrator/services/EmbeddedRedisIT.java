package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aFreePortTakenBeforeRedisBindsItIsReplacedByAnother(@TempDir Path directory) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LoopbackPorts.ADDRESS)) {
            Deque<Integer> ports = new ArrayDeque<>(List.of(taken.getLocalPort(), LoopbackPorts.free()));
            int second = ports.getLast();
            try (EmbeddedRedis redis = new EmbeddedRedis(directory, 0, ports::removeFirst)) {
                redis.start();

                assertThat(redis.listensOn()).isEqualTo(LoopbackPorts.HOST + ":" + second);
                RedisClient other = RedisClient.create(redis.url());
                try (StatefulRedisConnection<String, String> c = other.connect()) {
                    assertThat(c.sync().ping()).isEqualTo("PONG");
                } finally {
                    other.shutdown();
                }
            }
        }
    }

    @Test
    void aChosenPortThatIsTakenIsAnErrorNamingIt(@TempDir Path directory) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LoopbackPorts.ADDRESS);
                EmbeddedRedis redis = new EmbeddedRedis(directory, taken.getLocalPort())) {
            assertThatThrownBy(redis::start).isInstanceOf(PortInUseException.class)
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void keepsAnAppendOnlyFileOnLoopback() {
        Map<String, String> config = connection.sync().configGet("*");

        assertThat(config).containsEntry("appendonly", "yes").containsEntry("bind", "127.0.0.1");
    }
}
