package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

/**
 * A log entry as the repository holds it.
 *
 * @param id assigned by the repository when the entry was appended: positive, and greater for
 *     every later append (of any app config), so it orders entries and serves as a paging cursor
 * @param entry the entry
 */
public record StoredAppLogEntry(long id, AppLogEntry entry) {
    public StoredAppLogEntry {
        requireNonNull(entry, "entry is null");
    }
}
