package dev.appserver.orchestrator.store;

import java.util.List;

/**
 * App configs' log entries: every console line, app error and lifecycle note, bounded per app
 * config by the implementation. Implementations are thread-safe.
 */
public interface AppLogRepository {
    /** Stores {@code entry}, giving it the next id. */
    void append(AppLogEntry entry);

    /** One page of the app config's log: the newest matching entries, see {@link AppLogQuery}. */
    AppLogPage query(AppLogQuery query);

    /** The newest {@code limit} entries of the app config, oldest first. */
    default List<AppLogEntry> recent(long configId, int limit) {
        return query(AppLogQuery.newest(configId, limit)).entries().stream().map(StoredAppLogEntry::entry).toList();
    }
}
