package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The {@code exportEvents} buffers of the app configs this orchestrator exports for, one per app
 * config at its current version: a config that changed (or was disabled) has its old buffer
 * flushed with the old version, as PostHog's teardown flushes it. Each flushed batch gets a new
 * id and goes to the sink. Owned by the async handlers' consumer thread: not thread-safe.
 */
final class ExportBuffers {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event waiting in a buffer, and the polled batch it holds. */
    record Held(byte[] json, long seq) {}

    private final Clock clock;
    private final BiConsumer<InstanceSpec, Flushed> sink;
    private final Map<Long, ConfigBuffer> byConfig = new HashMap<>();

    /** A flushed batch and the polled batches its events hold. */
    record Flushed(ExportBatch batch, List<Long> seqs) {}

    private record ConfigBuffer(InstanceSpec spec, ExportBuffer<Held> buffer) {}

    ExportBuffers(Clock clock, BiConsumer<InstanceSpec, Flushed> sink) {
        this.clock = requireNonNull(clock, "clock is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    /** Buffers {@code event} for {@code spec}'s app config. @return whether it was taken (not ignored) */
    boolean add(InstanceSpec spec, String eventName, Held event) {
        ConfigBuffer current = byConfig.get(spec.configId());
        if (current != null && current.spec().version() != spec.version()) {
            current.buffer().flush();
            current = null;
        }
        if (current == null) {
            ExportSettings settings = ExportSettings.fromConfig(readConfig(spec));
            current = new ConfigBuffer(spec, new ExportBuffer<>(settings, clock, batch -> flushed(spec, batch)));
            byConfig.put(spec.configId(), current);
        }
        return current.buffer().add(eventName, event, event.json().length);
    }

    /** Flushes the buffers whose oldest event waited long enough. */
    void flushDue() {
        byConfig.values().forEach(config -> config.buffer().flushIfDue());
    }

    /** Flushes every buffer. */
    void flushAll() {
        byConfig.values().forEach(config -> config.buffer().flush());
    }

    /** Forgets every buffer (after {@link #flushAll}, or when their events will be consumed again). */
    void clear() {
        byConfig.clear();
    }

    private void flushed(InstanceSpec spec, List<Held> events) {
        ExportBatch batch = new ExportBatch(UUID.randomUUID().toString(), 0, events.stream().map(Held::json).toList());
        sink.accept(spec, new Flushed(batch, events.stream().map(Held::seq).toList()));
    }

    private static com.fasterxml.jackson.databind.JsonNode readConfig(InstanceSpec spec) {
        try {
            return JSON.readTree(spec.configJson());
        } catch (IOException e) {
            throw new UncheckedIOException("app config " + spec.configId() + " has a meta.config that is not JSON", e);
        }
    }
}
