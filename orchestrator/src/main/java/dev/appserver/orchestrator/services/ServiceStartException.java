package dev.appserver.orchestrator.services;

/** A service could not start. The message names the service and, where there is one, the fix. */
public class ServiceStartException extends Exception {
    public ServiceStartException(String message) {
        super(message);
    }

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
