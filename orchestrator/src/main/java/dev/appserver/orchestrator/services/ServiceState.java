package dev.appserver.orchestrator.services;

/** Where an {@link EmbeddedService} is in its one-way lifecycle. */
enum ServiceState {
    /** Created; not started yet. */
    NEW,
    /** Started and accepting clients. */
    RUNNING,
    /** Closed, or failed to start: stopped for good. */
    CLOSED;

    /** Throws unless a service in this state may start. */
    void requireStartable(String service) {
        switch (this) {
            case NEW -> { }
            case RUNNING -> throw new IllegalStateException(service + " is already running");
            case CLOSED -> throw new IllegalStateException(service + " was closed; make a new one to start again");
        }
    }
}
