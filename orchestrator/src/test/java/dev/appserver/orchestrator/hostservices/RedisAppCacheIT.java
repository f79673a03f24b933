package dev.appserver.orchestrator.hostservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.services.EmbeddedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link AppCacheContract} on {@link RedisAppCache} over a real Redis (the embedded one, a
 * server of this class's own, emptied before each test); TTLs pass in real time.
 */
class RedisAppCacheIT extends AppCacheContract {
    private static Path data;
    private static EmbeddedRedis redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> raw;
    private RedisAppCache cache;

    @BeforeAll
    static void startRedis() throws Exception {
        data = Files.createTempDirectory("cache-it-redis-");
        redis = new EmbeddedRedis(data, 0);
        redis.start();
        client = RedisClient.create(redis.url());
        raw = client.connect();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (raw != null) {
            raw.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (redis != null) {
            redis.close();
        }
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Override
    protected AppCache newCache() {
        raw.sync().flushall();
        cache = RedisAppCache.connect(client, Duration.ofSeconds(5));
        return cache;
    }

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    @Override
    protected void afterTtl(Duration ttl, Callable<Boolean> expired) {
        await().atMost(ttl.plusSeconds(10)).pollInterval(Duration.ofMillis(100)).until(expired);
    }

    @Test
    void eachCacheKeyIsTheRedisKeyNamespacePlusKeyWithTheTtlInRedis() {
        cache.set("@plugin/9/2/", "greeting", "\"hi\"", 60);
        cache.lpush("@plugin/9/2/", "queue", List.of("a", "b"));

        assertThat(raw.sync().get("@plugin/9/2/greeting")).isEqualTo("\"hi\"");
        assertThat(raw.sync().ttl("@plugin/9/2/greeting")).isBetween(1L, 60L);
        assertThat(raw.sync().lrange("@plugin/9/2/queue", 0, -1)).containsExactly("b", "a");
        assertThat(raw.sync().keys("*")).containsExactlyInAnyOrder("@plugin/9/2/greeting", "@plugin/9/2/queue");
    }

    @Test
    void aCommandRedisDoesNotAnswerInTimeFailsWithTheTimeout() {
        RedisAppCache impatient = RedisAppCache.connect(client, Duration.ofMillis(200));
        try {
            // Redis holds every client's commands for a second, longer than the timeout.
            raw.sync().clientPause(1000);

            assertThatThrownBy(() -> impatient.get("@plugin/9/2/", "k")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("meta.cache: Redis did not answer within 200 ms");
        } finally {
            impatient.close();
        }
    }
}
