package dev.appserver.orchestrator.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.admin.ConfigChange;
import dev.appserver.orchestrator.services.EmbeddedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reload messages through a real Redis (the embedded one, a server of this class's own so that a
 * test can stop and restart it), between subscribers as two orchestrators would hold them.
 */
class RedisReloadIT {
    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(1);

    private static Path data;
    private static int port;
    private static EmbeddedRedis redis;
    private static RedisClient client;

    @BeforeAll
    static void startRedis() throws Exception {
        data = Files.createTempDirectory("reload-it-redis-");
        redis = new EmbeddedRedis(data, 0);
        redis.start();
        port = URI.create(redis.url()).getPort();
        client = RedisClient.create(redis.url());
    }

    @AfterAll
    static void stopRedis() throws IOException {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        redis.close();
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Messages as a consumer got them, with the name of the thread that delivered each. */
    private static final class Received implements Consumer<ReloadMessage> {
        final List<ReloadMessage> messages = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void accept(ReloadMessage message) {
            messages.add(message);
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void twoOrchestratorsBothReceiveAStoredChangeWithinSeconds() {
        Received first = new Received();
        Received second = new Received();
        ConfigChange change = ConfigReloadTest.change(ConfigChange.Kind.UPDATED, 2, 7, Instant.parse("2026-01-01T00:00:00Z"));
        try (RedisReloadSubscriber one = RedisReloadSubscriber.subscribe(client, first);
                RedisReloadSubscriber other = RedisReloadSubscriber.subscribe(client, second);
                RedisReloadPublisher publisher = new RedisReloadPublisher(client, PUBLISH_TIMEOUT)) {
            assertThat(one.connected()).isTrue();
            assertThat(other.connected()).isTrue();

            publisher.configChanged(change);

            ConfigReload expected = new ConfigReload(2, 7, ConfigReload.Kind.UPDATED, 1_767_225_600_000_000L);
            await().atMost(FEW_SECONDS).untilAsserted(() -> {
                assertThat(first.messages).containsExactly(expected);
                assertThat(second.messages).containsExactly(expected);
            });
            assertThat(first.threads).containsOnly("reload-subscriber");
        }
    }

    @Test
    void payloadsThatAreNotConfigChangesAreFullReloadsInOrder() {
        Received received = new Received();
        ConfigReload change = new ConfigReload(3, 4, ConfigReload.Kind.CREATED, 1);
        try (RedisReloadSubscriber subscriber = RedisReloadSubscriber.subscribe(client, received);
                StatefulRedisConnection<String, String> raw = client.connect()) {
            raw.sync().publish(RedisReloadPublisher.CHANNEL, ""); // PostHog's bare message
            raw.sync().publish(RedisReloadPublisher.CHANNEL, "{not json");
            raw.sync().publish(RedisReloadPublisher.CHANNEL, ReloadMessageJson.encode(change));
            raw.sync().publish("another-channel", "ignored");

            await().atMost(FEW_SECONDS).untilAsserted(() -> assertThat(received.messages).hasSize(3));
            assertThat(received.messages.get(0)).isInstanceOf(FullReload.class);
            assertThat(received.messages.get(1)).isEqualTo(new FullReload("a message that is not a config change: \"{not json\""));
            assertThat(received.messages.get(2)).isEqualTo(change);
        }
    }

    @Test
    void aConsumerThatThrowsStillGetsTheNextMessage() {
        List<ReloadMessage> received = new CopyOnWriteArrayList<>();
        try (RedisReloadSubscriber subscriber = RedisReloadSubscriber.subscribe(client, message -> {
            received.add(message);
            throw new IllegalStateException("consumer bug");
        });
                RedisReloadPublisher publisher = new RedisReloadPublisher(client, PUBLISH_TIMEOUT)) {
            publisher.publish(new FullReload("first"));
            publisher.publish(new FullReload("second"));

            await().atMost(FEW_SECONDS).untilAsserted(() -> assertThat(received).hasSize(2));
        }
    }

    @Test
    void publishingWithoutARedisToReachDoesNotThrow() throws IOException {
        RedisClient nowhere = RedisClient.create("redis://127.0.0.1:" + unusedPort());
        try (RedisReloadPublisher publisher = new RedisReloadPublisher(nowhere, PUBLISH_TIMEOUT)) {
            long started = System.nanoTime();

            publisher.configChanged(ConfigReloadTest.change(ConfigChange.Kind.DELETED, 2, 7, Instant.EPOCH));
            publisher.publish(new FullReload("again"));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FEW_SECONDS);
        } finally {
            nowhere.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void messagesFlowAgainAfterRedisRestarts() throws Exception {
        Received received = new Received();
        try (RedisReloadSubscriber subscriber = RedisReloadSubscriber.subscribe(client, received);
                RedisReloadPublisher publisher = new RedisReloadPublisher(client, PUBLISH_TIMEOUT)) {
            publisher.publish(new FullReload("before"));
            await().atMost(FEW_SECONDS).until(() -> received.messages.contains(new FullReload("before")));

            redis.close();
            await().atMost(FEW_SECONDS).until(() -> !subscriber.connected());
            long started = System.nanoTime();
            publisher.publish(new FullReload("while down")); // waits for the timeout at most, never throws
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PUBLISH_TIMEOUT.plusSeconds(2));

            redis = new EmbeddedRedis(data, port);
            redis.start();
            await().atMost(Duration.ofSeconds(30)).until(subscriber::connected);
            // The missed message is made up for by a full reload on resubscription.
            await().atMost(FEW_SECONDS).until(() -> received.messages.stream()
                    .anyMatch(message -> message instanceof FullReload full && full.reason().startsWith("resubscribed")));
            ConfigReload after = new ConfigReload(2, 8, ConfigReload.Kind.CREATED, 2);
            // The publisher's own connection may come back a little later: publish until one arrives.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                publisher.publish(after);
                assertThat(received.messages).contains(after);
            });
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
