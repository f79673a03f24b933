package dev.appserver.orchestrator.reload;

/**
 * Tells every orchestrator in the cluster what to reload. Implementations are thread-safe and
 * never throw from {@link #publish}: by the time a change is published it is stored, and a
 * publisher that cannot reach its subscribers only delays the reload until the periodic refresh.
 */
@FunctionalInterface
public interface ReloadPublisher {
    void publish(ReloadMessage message);
}
