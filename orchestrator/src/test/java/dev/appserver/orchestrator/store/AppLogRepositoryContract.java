package dev.appserver.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
