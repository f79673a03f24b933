package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An app config's export buffer settings, read from its config like PostHog does:
 * {@code exportEventsBufferBytes} (default 1 MiB), {@code exportEventsBufferSeconds} (default
 * 10 s) and {@code exportEventsToIgnore} (comma-separated event names).
 */
public record ExportSettings(long maxBytes, Duration maxAge, Set<String> ignored) {
    public static final long DEFAULT_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_AGE = Duration.ofSeconds(10);

    public ExportSettings {
        requireNonNull(maxAge, "maxAge is null");
        ignored = Set.copyOf(ignored);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
    }

    public boolean ignores(String eventName) {
        return eventName != null && ignored.contains(eventName);
    }

    /** Reads the settings from {@code meta.config}; unusable values fall back to the defaults. */
    public static ExportSettings fromConfig(JsonNode config) {
        long bytes = positiveNumber(config.get("exportEventsBufferBytes"), DEFAULT_BYTES);
        double seconds = positiveNumber(config.get("exportEventsBufferSeconds"), DEFAULT_AGE.toMillis() / 1000.0);
        JsonNode ignore = config.get("exportEventsToIgnore");
        Set<String> ignored = ignore == null || ignore.isNull() ? Set.of()
                : Arrays.stream(ignore.asText().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        return new ExportSettings(bytes, Duration.ofMillis(Math.round(seconds * 1000)), ignored);
    }

    private static long positiveNumber(JsonNode value, long fallback) {
        return (long) positiveNumber(value, (double) fallback);
    }

    private static double positiveNumber(JsonNode value, double fallback) {
        if (value == null || value.isNull()) {
            return fallback;
        }
        try {
            double d = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText().trim());
            return d > 0 && Double.isFinite(d) ? d : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
