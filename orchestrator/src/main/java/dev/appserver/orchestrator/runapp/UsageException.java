package dev.appserver.orchestrator.runapp;

/** An unusable app or argument: run-app exits with status 2 and this one-line reason. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
