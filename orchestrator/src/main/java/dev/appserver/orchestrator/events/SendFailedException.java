package dev.appserver.orchestrator.events;

/** Sending to Kafka failed: the one-line message to show, and the exit status it means. */
public final class SendFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public SendFailedException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
