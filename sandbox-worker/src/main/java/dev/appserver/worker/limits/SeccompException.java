package dev.appserver.worker.limits;

/** The seccomp filter could not be built or loaded; the message is the reason, fit for a status line. */
public final class SeccompException extends Exception {
    public SeccompException(String message) {
        super(message);
    }
}
