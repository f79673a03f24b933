package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One log line of an app config, as the app's {@code console} or the server wrote it.
 *
 * @param configId the app config
 * @param timestamp when it was written
 * @param type {@code LOG}, {@code INFO}, {@code WARN}, {@code ERROR} or {@code DEBUG}
 * @param source {@code CONSOLE}, {@code PLUGIN} or {@code SYSTEM}
 * @param message the text
 */
public record AppLogEntry(long configId, Instant timestamp, String type, String source, String message) {
    /** Every {@link #type}, least severe first. */
    public static final List<String> TYPES = List.of("DEBUG", "LOG", "INFO", "WARN", "ERROR");
    /** Every {@link #source}. */
    public static final List<String> SOURCES = List.of("CONSOLE", "PLUGIN", "SYSTEM");

    public AppLogEntry {
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
        requireNonNull(message, "message is null");
    }
}
