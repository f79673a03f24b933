package dev.appserver.orchestrator.services;

/**
 * A backing service that single-node mode runs on this machine: it listens on 127.0.0.1 and keeps
 * its data in one directory, so that the next start on that directory finds it again.
 *
 * <p>Lifecycle ({@link ServiceState}): {@link #start()} at most once; {@link #close()} stops the
 * service, is idempotent, and is safe to call whether or not the start succeeded. A closed service
 * does not start again: make a new one on the same directory. Start and close may run on different
 * threads, not concurrently with each other.
 */
public interface EmbeddedService extends AutoCloseable {
    /** A short lower-case name for messages: {@code kafka}, {@code postgres}, {@code redis}. */
    String name();

    /** Starts the service; returns once it accepts clients. A failed start leaves nothing running. */
    void start() throws ServiceStartException;

    /** Where clients reach the service, for people to read (e.g. {@code 127.0.0.1:9092}). */
    String listensOn();

    @Override
    void close();
}
