package dev.appserver.orchestrator.reload;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the Redis channel {@value RedisReloadPublisher#CHANNEL} and delivers each message,
 * decoded ({@link ReloadMessageJson}), to a consumer.
 *
 * <p>Delivery runs on a thread of this subscription's own, one message at a time in the order
 * Redis sent them, never on lettuce's event loop, so a slow reload does not hold up the
 * connection. A consumer that throws is logged and gets the next message.
 *
 * <p>Reconnection is lettuce's: after a lost connection it reconnects with backoff and subscribes
 * again. Messages published in between are lost (pub/sub keeps nothing), so every resubscription
 * is delivered as a {@link FullReload}. {@link #connected()} is false while the connection is down.
 *
 * <p>Lifecycle: {@link #subscribe} returns once Redis confirmed the subscription; {@link #close()}
 * closes the connection (not the client, which the caller owns) and waits for a delivery in
 * progress. Thread-safe.
 */
public final class RedisReloadSubscriber implements ReloadSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(RedisReloadSubscriber.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Consumer<ReloadMessage> consumer;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("reload-subscriber").daemon(true).factory());
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean closed;

    private RedisReloadSubscriber(RedisClient client, Consumer<ReloadMessage> consumer) {
        this.consumer = consumer;
        this.connection = client.connectPubSub();
    }

    /**
     * Connects and subscribes.
     *
     * @throws io.lettuce.core.RedisException when Redis cannot be reached now; nothing is left open
     */
    public static RedisReloadSubscriber subscribe(RedisClient client, Consumer<ReloadMessage> consumer) {
        requireNonNull(client, "client is null");
        requireNonNull(consumer, "consumer is null");
        RedisReloadSubscriber subscriber = new RedisReloadSubscriber(client, consumer);
        try {
            subscriber.connection.addListener(subscriber.new Listener());
            subscriber.connection.sync().subscribe(RedisReloadPublisher.CHANNEL);
            return subscriber;
        } catch (RuntimeException e) {
            subscriber.close();
            throw e;
        }
    }

    @Override
    public boolean connected() {
        return !closed && connection.isOpen();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connection.close();
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("a reload consumer still runs {} s after the subscription was closed", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: nothing is delivered any more.
        }
    }

    private void deliver(ReloadMessage message) {
        if (closed) {
            return;
        }
        try {
            consumer.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("the reload consumer failed on {}", message, e);
        }
    }

    /** Called on lettuce's event loop: hands everything to the delivery thread. */
    private final class Listener extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String payload) {
            if (RedisReloadPublisher.CHANNEL.equals(channel)) {
                enqueue(() -> deliver(ReloadMessageJson.decode(payload)));
            }
        }

        @Override
        public void subscribed(String channel, long count) {
            if (subscriptions.getAndIncrement() > 0) {
                LOG.info("subscribed to {} again after a lost connection; reloading every app config", channel);
                enqueue(() -> deliver(new FullReload("resubscribed to " + channel + " after a lost connection to Redis")));
            }
        }
    }
}
