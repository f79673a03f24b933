package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code exportEvents} buffer of one app instance, with PostHog's algorithm
 * ({@code @posthog/plugin-contrib} createBuffer): events accumulate until adding one would pass
 * the byte limit, or the oldest has waited the configured seconds, or the buffer is flushed
 * explicitly (teardown). Each flush hands one batch, in arrival order, to the sink. An event is
 * held as a {@code T}: its JSON, or whatever the owner needs to know about it.
 *
 * <p>Time is read from the injected clock; callers call {@link #flushIfDue} periodically (and
 * {@link #add} checks it too), so no timer thread is needed. Not thread-safe: one owner.
 */
public final class ExportBuffer<T> {
    private final ExportSettings settings;
    private final Clock clock;
    private final Consumer<List<T>> sink;
    private List<T> events = new ArrayList<>();
    private long bytes;
    private long dueMillis = -1;

    public ExportBuffer(ExportSettings settings, Clock clock, Consumer<List<T>> sink) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    /**
     * Adds one event unless its name is ignored.
     *
     * @param eventName the event's {@code event} field, matched against the ignore list
     * @param size the event's size, counted against the byte limit (its JSON's length)
     * @return whether it was added
     */
    public boolean add(String eventName, T event, long size) {
        flushIfDue();
        if (settings.ignores(eventName)) {
            return false;
        }
        if (bytes > 0 && bytes + size > settings.maxBytes()) {
            flush();
        }
        events.add(event);
        bytes += size;
        if (bytes > settings.maxBytes()) {
            flush();
        } else if (dueMillis < 0) {
            dueMillis = clock.millis() + settings.maxAge().toMillis();
        }
        return true;
    }

    /** Flushes when the oldest buffered event has waited long enough. */
    public void flushIfDue() {
        if (dueMillis >= 0 && clock.millis() >= dueMillis) {
            flush();
        }
    }

    /** Hands everything buffered to the sink as one batch (nothing when empty). */
    public void flush() {
        dueMillis = -1;
        if (events.isEmpty()) {
            return;
        }
        List<T> batch = events;
        events = new ArrayList<>();
        bytes = 0;
        sink.accept(batch);
    }

    public int size() {
        return events.size();
    }
}
