package dev.appserver.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryAppLogRepositoryTest {
    @Test
    void keepsTheNewestEntriesPerConfig() {
        InMemoryAppLogRepository logs = new InMemoryAppLogRepository(2);
        for (String message : new String[] {"one", "two", "three"}) {
            logs.append(new AppLogEntry(1, Instant.EPOCH, "LOG", "CONSOLE", message));
        }
        logs.append(new AppLogEntry(2, Instant.EPOCH, "ERROR", "PLUGIN", "other"));

        assertThat(logs.recent(1, 10)).extracting(AppLogEntry::message).containsExactly("two", "three");
        assertThat(logs.recent(1, 1)).extracting(AppLogEntry::message).containsExactly("three");
        assertThat(logs.recent(3, 10)).isEmpty();
    }
}
