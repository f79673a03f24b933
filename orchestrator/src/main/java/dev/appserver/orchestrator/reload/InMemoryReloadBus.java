package dev.appserver.orchestrator.reload;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.admin.ConfigChange;
import dev.appserver.orchestrator.admin.ConfigChangeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reload pub/sub within one JVM, for tests of the components on either side: a publisher (and
 * admin {@link ConfigChangeListener}) and any number of subscriptions, with Redis's delivery
 * semantics but none of its timing.
 *
 * <p>Delivery is synchronous, on the publishing thread, to each open subscription in the order
 * they were made; a consumer that throws is logged, as the Redis subscriber does. {@link #disconnect()}
 * and {@link #reconnect()} stand in for a lost Redis connection: messages published while
 * disconnected are lost, and reconnecting delivers a {@link FullReload} to every subscription.
 *
 * <p>Thread-safe; consumers are called without a lock held, so they may publish. A subscription
 * closed while another thread is delivering to it may still get that one message.
 */
public final class InMemoryReloadBus implements ReloadPublisher, ConfigChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryReloadBus.class);

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<ReloadMessage> published = new CopyOnWriteArrayList<>();
    private volatile boolean connected = true;

    public ReloadSubscription subscribe(Consumer<ReloadMessage> consumer) {
        Subscription subscription = new Subscription(requireNonNull(consumer, "consumer is null"));
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public void configChanged(ConfigChange change) {
        publish(ConfigReload.of(change));
    }

    @Override
    public void publish(ReloadMessage message) {
        requireNonNull(message, "message is null");
        published.add(message);
        if (connected) {
            deliverToAll(message);
        }
    }

    /** Every message published so far, delivered or not, in order. */
    public List<ReloadMessage> published() {
        return List.copyOf(published);
    }

    /** Drops the connection: subscriptions are not {@link ReloadSubscription#connected()} and miss messages. */
    public void disconnect() {
        connected = false;
    }

    /** Restores the connection; every subscription gets a {@link FullReload}, as after a Redis reconnect. */
    public void reconnect() {
        if (!connected) {
            connected = true;
            deliverToAll(new FullReload("reconnected to the in-memory reload bus"));
        }
    }

    private void deliverToAll(ReloadMessage message) {
        for (Subscription subscription : subscriptions) { // a snapshot: consumers may subscribe or close
            subscription.deliver(message);
        }
    }

    private final class Subscription implements ReloadSubscription {
        private final Consumer<ReloadMessage> consumer;

        Subscription(Consumer<ReloadMessage> consumer) {
            this.consumer = consumer;
        }

        void deliver(ReloadMessage message) {
            try {
                consumer.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("the reload consumer failed on {}", message, e);
            }
        }

        @Override
        public boolean connected() {
            return connected && subscriptions.contains(this);
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
