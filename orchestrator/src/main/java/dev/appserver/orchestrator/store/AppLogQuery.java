package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;
import java.util.Set;

/**
 * Which of an app config's log entries to read: the newest {@code limit} that match, older than
 * the {@code before} cursor when one is given.
 *
 * @param configId the app config
 * @param limit at most this many entries; 0 reads none
 * @param before only entries whose id is smaller (the {@link AppLogPage#next} of the page read
 *     before); empty for the newest entries
 * @param types only entries of these types ({@link AppLogEntry#TYPES}); empty for any type
 * @param sources only entries from these sources ({@link AppLogEntry#SOURCES}); empty for any
 */
public record AppLogQuery(long configId, int limit, OptionalLong before, Set<String> types, Set<String> sources) {
    public AppLogQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        requireNonNull(before, "before is null");
        types = Set.copyOf(requireNonNull(types, "types is null"));
        sources = Set.copyOf(requireNonNull(sources, "sources is null"));
    }

    /** The newest {@code limit} entries of the app config, of any type and source. */
    public static AppLogQuery newest(long configId, int limit) {
        return new AppLogQuery(configId, limit, OptionalLong.empty(), Set.of(), Set.of());
    }

    /** Whether {@code entry} (of this query's app config) has a type and source the query asks for. */
    public boolean matches(AppLogEntry entry) {
        return (types.isEmpty() || types.contains(entry.type())) && (sources.isEmpty() || sources.contains(entry.source()));
    }
}
