package dev.appserver.orchestrator.admin.cli;

/** An admin API call that failed: the one-line message to show, and the exit status it means. */
public final class AdminCallException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    AdminCallException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
