package dev.appserver.orchestrator.admin;

/** App config values that do not fit the app's {@code plugin.json} schema; the message says which and why. */
final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidConfigException(String message) {
        super(message);
    }
}
