package dev.appserver.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AppLogRepository} does, run against each implementation by a subclass that
 * supplies an empty repository. Log entries may name any app config id, existing or not.
 */
public abstract class AppLogRepositoryContract {
    /** An empty repository keeping the newest {@code capacity} entries of each app config. */
    protected abstract AppLogRepository newRepository(int capacity) throws Exception;

    @Test
    void keepsTheNewestEntriesPerConfig() throws Exception {
        AppLogRepository logs = newRepository(2);
        for (String message : new String[] {"one", "two", "three"}) {
            logs.append(new AppLogEntry(1, Instant.EPOCH, "LOG", "CONSOLE", message));
        }
        logs.append(new AppLogEntry(2, Instant.EPOCH, "ERROR", "PLUGIN", "other"));

        assertThat(logs.recent(1, 10)).extracting(AppLogEntry::message).containsExactly("two", "three");
        assertThat(logs.recent(1, 1)).extracting(AppLogEntry::message).containsExactly("three");
        assertThat(logs.recent(2, 10)).extracting(AppLogEntry::message).containsExactly("other");
        assertThat(logs.recent(3, 10)).isEmpty();
    }

    @Test
    void recentIsOldestFirstInAppendOrder() throws Exception {
        AppLogRepository logs = newRepository(100);
        Instant later = Instant.parse("2026-01-01T00:00:05Z");
        logs.append(new AppLogEntry(1, later, "LOG", "CONSOLE", "first appended, later timestamp"));
        logs.append(new AppLogEntry(1, later.minusSeconds(5), "LOG", "CONSOLE", "second appended"));
        for (int i = 0; i < 10; i++) {
            logs.append(new AppLogEntry(1, later, "DEBUG", "SYSTEM", "entry " + i));
        }

        assertThat(logs.recent(1, 100)).extracting(AppLogEntry::message)
                .startsWith("first appended, later timestamp", "second appended", "entry 0").hasSize(12);
        assertThat(logs.recent(1, 3)).extracting(AppLogEntry::message).containsExactly("entry 7", "entry 8", "entry 9");
        assertThat(logs.recent(1, 0)).isEmpty();
    }

    @Test
    void entriesComeBackWithEveryFieldAndMicrosecondTimestamps() throws Exception {
        AppLogRepository logs = newRepository(10);
        AppLogEntry entry = new AppLogEntry(42, Instant.parse("2026-03-04T05:06:07.123456789Z"), "WARN", "PLUGIN",
                "multi\nline ✓ 😀 'quoted' \"double\" \\ back");

        logs.append(entry);

        assertThat(logs.recent(42, 1)).containsExactly(new AppLogEntry(42, Instant.parse("2026-03-04T05:06:07.123456Z"),
                "WARN", "PLUGIN", entry.message()));
    }

    @Test
    void pagesFromTheNewestEntryBackWithACursor() throws Exception {
        AppLogRepository logs = newRepository(100);
        for (int i = 1; i <= 5; i++) {
            logs.append(new AppLogEntry(1, Instant.EPOCH, "LOG", "CONSOLE", "entry " + i));
            logs.append(new AppLogEntry(2, Instant.EPOCH, "LOG", "CONSOLE", "other config " + i));
        }

        AppLogPage newest = logs.query(AppLogQuery.newest(1, 2));
        AppLogPage middle = logs.query(page(1, 2, newest.next(), Set.of(), Set.of()));
        AppLogPage oldest = logs.query(page(1, 2, middle.next(), Set.of(), Set.of()));

        assertThat(messages(newest)).containsExactly("entry 4", "entry 5");
        assertThat(newest.next()).hasValue(newest.entries().getFirst().id());
        assertThat(messages(middle)).containsExactly("entry 2", "entry 3");
        assertThat(messages(oldest)).containsExactly("entry 1");
        assertThat(oldest.next()).isEmpty();
        assertThat(logs.query(AppLogQuery.newest(1, 5)).next()).as("no cursor when nothing older is left").isEmpty();
    }

    @Test
    void idsGrowWithEveryAppend() throws Exception {
        AppLogRepository logs = newRepository(100);
        logs.append(new AppLogEntry(1, Instant.EPOCH, "LOG", "CONSOLE", "a"));
        logs.append(new AppLogEntry(2, Instant.EPOCH, "LOG", "CONSOLE", "b"));
        logs.append(new AppLogEntry(1, Instant.EPOCH, "LOG", "CONSOLE", "c"));

        List<StoredAppLogEntry> first = logs.query(AppLogQuery.newest(1, 10)).entries();
        long second = logs.query(AppLogQuery.newest(2, 10)).entries().getFirst().id();

        assertThat(first.getFirst().id()).isPositive().isLessThan(second);
        assertThat(second).isLessThan(first.get(1).id());
    }

    @Test
    void filtersByTypeAndSourceAcrossPages() throws Exception {
        AppLogRepository logs = newRepository(100);
        String[][] appended = {{"ERROR", "PLUGIN"}, {"LOG", "CONSOLE"}, {"WARN", "CONSOLE"}, {"ERROR", "SYSTEM"},
            {"INFO", "CONSOLE"}, {"ERROR", "PLUGIN"}, {"WARN", "SYSTEM"}};
        for (int i = 0; i < appended.length; i++) {
            logs.append(new AppLogEntry(1, Instant.EPOCH, appended[i][0], appended[i][1], "entry " + i));
        }

        AppLogPage errors = logs.query(page(1, 2, OptionalLong.empty(), Set.of("ERROR"), Set.of()));
        AppLogPage olderErrors = logs.query(page(1, 2, errors.next(), Set.of("ERROR"), Set.of()));
        AppLogPage problems = logs.query(page(1, 10, OptionalLong.empty(), Set.of("ERROR", "WARN"), Set.of("SYSTEM")));
        AppLogPage console = logs.query(page(1, 10, OptionalLong.empty(), Set.of(), Set.of("CONSOLE")));

        assertThat(messages(errors)).containsExactly("entry 3", "entry 5");
        assertThat(messages(olderErrors)).containsExactly("entry 0");
        assertThat(olderErrors.next()).isEmpty();
        assertThat(messages(problems)).containsExactly("entry 3", "entry 6");
        assertThat(messages(console)).containsExactly("entry 1", "entry 2", "entry 4");
        assertThat(logs.query(page(1, 10, OptionalLong.empty(), Set.of("DEBUG"), Set.of())).entries()).isEmpty();
    }

    private static AppLogQuery page(long configId, int limit, OptionalLong before, Set<String> types, Set<String> sources) {
        return new AppLogQuery(configId, limit, before, types, sources);
    }

    private static List<String> messages(AppLogPage page) {
        return page.entries().stream().map(stored -> stored.entry().message()).toList();
    }
}
