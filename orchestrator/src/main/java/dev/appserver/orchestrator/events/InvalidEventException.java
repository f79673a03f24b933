package dev.appserver.orchestrator.events;

/** An input event that cannot be sent; the message says why, without the line number. */
public final class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
