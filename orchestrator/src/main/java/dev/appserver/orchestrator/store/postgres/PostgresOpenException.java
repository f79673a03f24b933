package dev.appserver.orchestrator.store.postgres;

/**
 * The database could not be opened: unreachable, refused the login, or its schema could not be
 * migrated. The message names the database (password hidden) and the reason.
 */
public final class PostgresOpenException extends Exception {
    private static final long serialVersionUID = 1L;

    PostgresOpenException(String message, Throwable cause) {
        super(message, cause);
    }
}
