package dev.appserver.orchestrator.reload;

/**
 * A live subscription to reload messages, delivering each to the consumer it was made with.
 *
 * <p>Lifecycle: delivering from creation until {@link #close()}; close is idempotent, and once it
 * returns the consumer is not called again. Thread-safe.
 */
public interface ReloadSubscription extends AutoCloseable {
    /**
     * Whether messages can arrive now, for {@code /_ready}. While this is false, published
     * messages are missed; when it turns true again the consumer gets a {@link FullReload}.
     */
    boolean connected();

    @Override
    void close();
}
