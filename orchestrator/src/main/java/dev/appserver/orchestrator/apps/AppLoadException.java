package dev.appserver.orchestrator.apps;

/**
 * An app could not be loaded: its files, {@code plugin.json}, main file or code are unusable.
 *
 * <p>The message is always one line of the form {@code <app>: <what is wrong>}, where {@code <app>}
 * is the path the app was loaded from or, once {@code plugin.json} has been read, its display
 * name. It is meant to be shown to the app's author as is (the {@code run-app} exit status 2
 * reason, an admin API {@code {"error": ...}}); it never needs a stack trace to be understood.
 */
public final class AppLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    AppLoadException(String app, String problem) {
        super(oneLine(app + ": " + problem));
    }

    AppLoadException(String app, String problem, Throwable cause) {
        super(oneLine(app + ": " + problem), cause);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
