package dev.appserver.orchestrator.bench.endtoend;

/** The end-to-end bench could not finish: its server, Kafka or the admin API failed, or events went missing. */
final class BenchFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    BenchFailedException(String message) {
        super(message);
    }
}
