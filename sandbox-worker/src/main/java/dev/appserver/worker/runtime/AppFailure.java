package dev.appserver.worker.runtime;

/** An app could not be loaded: its code does not evaluate, or its setupPlugin failed. */
public final class AppFailure extends Exception {
    private final String kind;

    /**
     * @param kind "load", "setup", "retry" (setupPlugin threw a RetryError: worth loading again later) or "timeout"
     * @param message what the user reads, e.g. "SyntaxError: Expected ) but found { (index.js:1:30)"
     */
    public AppFailure(String kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
