package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of an app config's log, read with an {@link AppLogQuery}.
 *
 * @param entries the newest matching entries older than the query's cursor, oldest first
 * @param next when older matching entries exist: the cursor that reads them (the id of this
 *     page's oldest entry, to pass as {@link AppLogQuery#before}); empty on the last page
 */
public record AppLogPage(List<StoredAppLogEntry> entries, OptionalLong next) {
    public AppLogPage {
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
        requireNonNull(next, "next is null");
    }

    /**
     * The page of {@code newestFirst}, the first {@code limit + 1} matching entries of a query in
     * descending id order: the first {@code limit} of them, oldest first, and a cursor when there
     * was one more.
     */
    public static AppLogPage of(List<StoredAppLogEntry> newestFirst, int limit) {
        List<StoredAppLogEntry> page = newestFirst.subList(0, Math.min(limit, newestFirst.size())).reversed();
        boolean more = newestFirst.size() > limit && !page.isEmpty();
        return new AppLogPage(page, more ? OptionalLong.of(page.getFirst().id()) : OptionalLong.empty());
    }
}
