package dev.appserver.orchestrator.bench;

/** A bench with a server of its own could not finish: the server, Kafka or the admin API failed, or events went missing. */
public final class BenchFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public BenchFailedException(String message) {
        // The message says it all; the stack would only point into the bench.
        super(message, null, false, false);
    }
}
