package dev.appserver.orchestrator.services;

/**
 * A service endpoint given on the command line or in the environment is malformed or incomplete.
 * The message names the flag or variable, shows the value with any password hidden, and says what
 * was expected.
 */
public final class InvalidEndpointException extends Exception {
    public InvalidEndpointException(String message) {
        super(message);
    }
}
