package dev.appserver.orchestrator.store;

import java.util.List;

/** App configs' log entries. Implementations are thread-safe. */
public interface AppLogRepository {
    void append(AppLogEntry entry);

    /** The newest {@code limit} entries of the app config, oldest first. */
    List<AppLogEntry> recent(long configId, int limit);
}
